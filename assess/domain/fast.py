"""Building result models without re-validating them.

The engine builds hundreds of result objects per assessment from values it has just computed and
typed; running pydantic validation on each one cost more than the scoring itself. :func:`build`
fills the fields (defaults included) directly. A test round-trips results through
``model_validate`` to prove that what the engine builds is valid.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

M = TypeVar("M", bound=BaseModel)


@cache
def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any, Any], ...]:
    """(name, default, factory) of the fields that have a default."""
    return tuple(
        (name, None if f.default is PydanticUndefined else f.default, f.default_factory)
        for name, f in cls.model_fields.items()
        if not f.is_required()
    )


_setattr = object.__setattr__


def build(cls: type[M], /, **values: Any) -> M:
    """An instance of `cls` with `values` (unvalidated) and defaults for the fields not given.

    Every required field must be given (the round-trip test catches a missing one)."""
    fields_set = set(values)
    for name, default, factory in _defaults(cls):
        if name not in values:
            values[name] = factory() if factory is not None else default
    obj = cls.__new__(cls)
    _setattr(obj, "__dict__", values)
    _setattr(obj, "__pydantic_fields_set__", fields_set)
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj
