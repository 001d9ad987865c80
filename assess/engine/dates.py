"""Years between two dates by the calendar, the way a licence or certificate counts them.

"成立一年以上" holds on the first anniversary, whatever the number of days (365 or 366); a day count
divided by 365.25 would tell a firm exactly one year old that it is not. Both engines use these
functions, so they agree to the bit.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
else:
    from assess.engine.lazy_numpy import np


def _anniversary(start: date, years: int) -> date:
    """`start` moved by whole `years`; 29 February falls on 28 February in a common year."""
    y = start.year + years
    try:
        return start.replace(year=y)
    except ValueError:  # 29 February
        return start.replace(year=y, day=28)


def years_between(start: date, end: date) -> float:
    """Whole calendar years from `start` to `end`, plus the elapsed share of the year in progress.

    Exactly on an anniversary the result is a whole number; before `start` it is negative
    (e.g. -1.0 exactly one year ahead)."""
    whole = end.year - start.year - (1 if (end.month, end.day) < (start.month, start.day) else 0)
    low, high = _anniversary(start, whole), _anniversary(start, whole + 1)
    return whole + (end - low).days / (high - low).days


def years_between_ordinals(start: npt.NDArray[np.float64], end: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """:func:`years_between` over columns of proleptic ordinals (NaN where `start` is unknown)."""
    out = np.full(start.shape, np.nan)
    for i in np.flatnonzero(~np.isnan(start)):
        out[i] = years_between(date.fromordinal(int(start[i])), date.fromordinal(int(end[i])))
    return out
