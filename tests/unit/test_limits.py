"""Issue 14: the format's limits have one home, numbers and dates are bounded, the published answers
schema describes the format as read, and an invalid file can be opened with its bad fields dropped."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from assess.domain import answers as fmt
from assess.domain.answers import AnswerFile
from assess.domain.errors import AnswersError
from assess.domain.sanitize import clean
from assess.engine.frame import build_frame
from assess.files.loading import Bundle, load_bundle
from assess.files.repair import open_tolerant
from assess.files.schemas import schema_dir
from assess.files.storage import parse_answers
from assess.pipeline import engine_for

PERSONAS = sorted((Path(__file__).parents[1] / "personas").glob("p*.json"))
DRAFT = ("huaian-ai", "1.2.0")


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle()


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((schema_dir() / "answers.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def persona(name: str = "p02") -> dict[str, Any]:
    path = next(p for p in PERSONAS if p.name.startswith(name))
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def as_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# ------------------------------------------------------------------ one home per limit


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        (("response_id",), fmt.ID_MAX),
        (("company", "name"), fmt.NAME_MAX),
        (("company", "contact"), fmt.NAME_MAX),
        (("company", "credit_code"), fmt.CODE_MAX),
        (("respondent",), fmt.NAME_MAX),
        (("assessor",), fmt.NAME_MAX),
        (("based_on",), fmt.ID_MAX),
        (("answers", "p_employees", "note"), fmt.NOTE_MAX),
    ],
)
def test_every_text_limit_holds_in_the_model_and_in_the_fast_reader(
    bundle: Bundle, path: tuple[str, ...], limit: int
) -> None:
    engine = engine_for(bundle, bundle.get("huaian-ai", persona()["questionnaire"]["version"]))  # type: ignore[arg-type]
    for length, ok in ((limit, True), (limit + 1, False)):
        doc = persona()
        doc["answers"]["p_employees"] = {"value": 320}
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = "x" * length
        if ok:
            AnswerFile.model_validate(doc)
        else:
            with pytest.raises(ValidationError):
                AnswerFile.model_validate(doc)
        assert bool(build_frame(engine, [doc]).accepted[0]) is ok  # never accepts what the model refuses


def test_the_app_inputs_use_the_format_constants() -> None:
    """No limit is restated as a literal in the app: the boxes take the model's constants."""
    root = Path(fmt.__file__).parents[1] / "tui"
    text = "".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    assert "max_length=NAME_MAX" in text and "max_length=NOTE_MAX" in text
    assert not re.search(r"max_length=\d", text)


# ------------------------------------------------------------------ numbers and dates


@pytest.mark.parametrize("value", [10**19, 10**400, -(10**19), 1e300])
def test_a_number_beyond_the_limit_is_a_clear_error(bundle: Bundle, value: float) -> None:
    from assess.pipeline import resolve

    doc = persona()
    doc["answers"]["p_revenue_y1"] = value
    af = parse_answers(as_bytes(doc), "big.json")
    with pytest.raises(AnswersError) as err:
        resolve(bundle, af, name="big.json")
    assert err.value.field == "answers.p_revenue_y1"
    assert "too large" in err.value.message and "万元" in err.value.message


def test_a_founding_date_in_the_future_is_refused_and_the_past_is_bounded(bundle: Bundle) -> None:
    q = bundle.get(*DRAFT)
    assert q is not None
    engine = engine_for(bundle, q)
    founded = engine.questions["p_est_date"]
    assert founded.past_only
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for value, wanted in ((tomorrow, "in the future"), ("1850-01-01", "between 1900"), ("2019-05-01", None)):
        issue = engine.answer_issue(founded, fmt.Answer(value=value))
        assert (issue.en if issue else None) == wanted or (wanted and issue and wanted in issue.en)


def test_every_number_question_of_the_draft_has_a_hard_max_and_a_plausible_range_naming_its_unit(
    bundle: Bundle,
) -> None:
    q = bundle.get(*DRAFT)
    assert q is not None
    numbers = [x for s in q.sections for x in s.questions if x.kind == "number"]
    assert numbers
    for x in numbers:
        assert x.min is not None and x.max is not None, x.id
        if x.unit is not None and x.unit.zh in ("万元", "人"):
            assert x.plausible is not None and x.plausible.max is not None, x.id
            assert x.plausible.max < x.max
            assert f"单位是{x.unit.zh}" in x.plausible.message.zh, x.id


def test_a_revenue_in_yuan_instead_of_10k_yuan_is_a_warning_not_an_error(bundle: Bundle) -> None:
    q = bundle.get(*DRAFT)
    assert q is not None
    engine = engine_for(bundle, q)
    revenue = engine.questions["p_revenue_y1"]
    issues = engine.check(revenue, fmt.Answer(value=15_000_000), {})
    assert [i.level for i in issues] == ["warning"] and "单位是万元" in issues[0].message.zh
    assert engine.check(revenue, fmt.Answer(value=15_000), {}) == []
    assert engine.check(revenue, fmt.Answer(value=10**12), {})[0].level == "error"  # beyond the hard max


def test_published_versions_keep_their_hashes(bundle: Bundle) -> None:
    """The new model fields default to nothing, so published content hashes do not move."""
    from assess.domain.questionnaire import content_hash

    lock = (schema_dir().parent / "published.txt").read_text(encoding="utf-8")
    for (qid, version), q in bundle.questionnaires.items():
        if f"{qid} {version}" in lock or f"{qid}/{version}" in lock:
            assert content_hash(q) in lock


# ------------------------------------------------------------------ the answers schema


def test_every_persona_and_a_generated_valid_file_pass_the_schema(validator: Any) -> None:
    for path in PERSONAS:
        assert not list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))), path.name
    doc = persona()
    doc["answers"] = {
        "p_employees": 260,
        "p_region": "huaiyin",
        "p_titles": ["hnte", "zjtx"],
        "p_gsm": True,
        "p_revenue_y2": "__na__",
        "p_rd_y2": None,
        "p_rd_y1": {"value": 3.5, "note": "n" * fmt.NOTE_MAX, "verified": True},
        "p_ip_class1": {"special": "dk"},
    }
    assert not list(validator.iter_errors(doc))
    parse_answers(as_bytes(doc), "generated.json")  # and the tool reads it


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["answers"].update(p_employees={"value": 1, "note": "n" * 5000}),
        lambda d: d.update(unknown_key=1),
        lambda d: d["answers"].update(p_employees={"value": 1, "colour": "red"}),
        lambda d: d["company"].update(name="n" * (fmt.NAME_MAX + 1)),
        lambda d: d.update(format=2),
        lambda d: d["answers"].update(p_employees={"special": "maybe"}),
    ],
)
def test_what_the_tool_rejects_for_its_format_the_schema_rejects(validator: Any, change: Any) -> None:
    doc = persona()
    change(doc)
    assert list(validator.iter_errors(doc))
    with pytest.raises(AnswersError):
        parse_answers(as_bytes(doc), "bad.json")


# ------------------------------------------------------------------ opening what fails validation


def test_a_file_that_fails_validation_opens_with_the_bad_fields_dropped() -> None:
    doc = persona()
    doc["answers"]["p_employees"] = {"value": 320, "note": "n" * 5000, "verified": True}
    doc["company"]["name"] = "名" * 300
    doc["visit_date"] = "not a date"
    doc["extra"] = {"x": 1}
    opened = open_tolerant(as_bytes(doc), "f.json")
    fields = [d.split(":")[0] for d in opened.dropped]
    assert sorted(fields) == ["answers.p_employees.note", "company.name", "extra", "visit_date"]
    af = opened.answer_file
    assert af.answers["p_employees"].value == 320 and af.answers["p_employees"].verified
    assert af.company.name == "名" * fmt.NAME_MAX


@pytest.mark.parametrize("data", [b"", b"{not json", b"[1, 2]", b'{"format": 2}', b'{"format": 1}'])
def test_what_cannot_be_rebuilt_still_fails_with_the_strict_message(data: bytes) -> None:
    with pytest.raises(AnswersError):
        open_tolerant(data, "f.json")


# ------------------------------------------------------------------ text made safe to show


def test_clean_strips_escapes_controls_and_bidi_but_keeps_text() -> None:
    assert clean("\x1b[31m红\x1b[0m\u202e公司\x07\r") == "红公司"
    assert clean("a\tb\nc 淮安") == "a\tb\nc 淮安"
    assert clean("\x1b]8;;http://x\x07link\x1b]8;;\x07") == "link"
