"""The corpus holds at least 200 distinct hostile inputs, from every family of issue 14."""

from __future__ import annotations

from . import test_answers, test_encodings, test_numbers, test_paths, test_sheets, test_yaml


def families() -> dict[str, int]:
    return {
        "numbers beyond range, NaN, Infinity, negative (JSON)": len(test_numbers.CASES),
        "numbers typed in spreadsheet cells": len(test_numbers.CELLS),
        "CSV encodings and non-CSV bytes": len(test_encodings.ENCODED),
        "xlsx XML entities and DTDs": len(test_sheets.XML_CASES),
        "zip bombs and damaged zips": len(test_sheets.BOMBS),
        "formula injection": len(test_sheets.FORMULAS),
        "devices, pipes and unreadable paths": len(test_paths.SPECIAL) + len(test_paths.HOW),
        "YAML bombs and hostile definitions": len(test_yaml.YAMLS),
        "broken JSON": len(test_answers.BROKEN),
        "wrong types, versions, unknown keys, huge strings": len(test_answers.SHAPES),
        "escapes, bidi and control characters": len(test_answers.ESC_CASES),
        "payload strings in every text field": len(test_answers.PAY_CASES),
    }


def test_at_least_200_distinct_hostile_inputs() -> None:
    counts = families()
    assert all(n > 0 for n in counts.values()) and sum(counts.values()) >= 200, counts
