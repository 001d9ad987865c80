"""Chinese line breaking: punctuation, numbers with units and Latin words (property tests with hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assess.tui.linebreak import CLOSING, OPENING, break_offsets, cells, wrap

SAMPLE = "企业注册资金为50万元，符合条件。此外还要满足GB/T 39116-2020的要求（A/I）、方案第12条。"


def test_no_closing_punctuation_starts_a_line_and_no_opening_one_ends_it() -> None:
    for width in range(6, 40):
        lines = wrap(SAMPLE, width)
        assert all(line[:1] not in CLOSING for line in lines[1:]), (width, lines)
        assert all(line[-1:] not in OPENING for line in lines), (width, lines)


def test_numbers_with_units_and_latin_words_stay_whole() -> None:
    for width in range(12, 40):
        joined = "\n".join(wrap(SAMPLE, width))
        for term in ("50万元", "GB/T", "39116-2020", "A/I", "第12条"):
            assert term in joined, (width, joined)


@given(st.text(alphabet="企业数据万元，。（）、AB 12/%-", max_size=80), st.integers(min_value=4, max_value=40))
def test_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert ["".join(text[a:b]) for a, b in break_offsets(text, width)] == lines


def test_a_hyphenated_english_word_breaks_after_its_hyphen_not_inside_a_part() -> None:
    lines = wrap("4. Business-operations digitalisation (non-manufacturers)", 17)
    assert lines == ["4. Business-", "operations", "digitalisation", "(non-", "manufacturers)"]
    assert "39116-2020" in wrap("GB/T 39116-2020", 12)  # numbers keep their hyphens
