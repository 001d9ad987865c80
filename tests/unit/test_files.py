"""Bad input: malformed, truncated or mistyped files give one clear line naming file and field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assess.domain.answers import Answer
from assess.domain.errors import AnswersError, DefinitionError
from assess.files.loading import load_bundle
from assess.files.storage import load_answers, new_answer_file, reassessment_from, save_answers
from assess.pipeline import assess_answers, engine_for
from tests.conftest import MINI

GOOD = json.loads((MINI / "answers.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: object, name: str = "a.json") -> Path:
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_a_truncated_answer_file_names_the_file(tmp_path):
    p = write(tmp_path, (MINI / "answers.json").read_text(encoding="utf-8")[:200])
    with pytest.raises(AnswersError) as e:
        load_answers(p)
    assert str(p) in str(e.value) and "JSON" in str(e.value)
    assert "\n" not in str(e.value)


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(AnswersError, match="empty"):
        load_answers(write(tmp_path, ""))


def test_a_wrong_type_names_the_field(tmp_path):
    bad = {**GOOD, "company": {"name": 42}}
    with pytest.raises(AnswersError) as e:
        load_answers(write(tmp_path, bad))
    assert "company.name" in str(e.value)


def test_a_newer_file_format_is_refused_clearly(tmp_path):
    with pytest.raises(AnswersError, match="format 2 is not supported"):
        load_answers(write(tmp_path, {**GOOD, "format": 2}))


def test_an_unknown_question_id_is_refused(mini_bundle, tmp_path):
    bad = {**GOOD, "answers": {**GOOD["answers"], "no_such_q": 1}}
    with pytest.raises(AnswersError) as e:
        assess_answers(mini_bundle, load_answers(write(tmp_path, bad)), name="x.json")
    assert "answers.no_such_q" in str(e.value) and "x.json" in str(e.value)


@pytest.mark.parametrize(
    ("qid", "value", "needle"),
    [
        ("erp", "l9", "not an option"),
        ("revenue", -5, "at least 0"),
        ("revenue", "lots", "number"),
        ("accident", "yes", "yes or no"),
        ("security", ["none", "backup"], "cannot be combined"),
        ("founded", "2024-13-45", "valid date"),
        ("contact_name", "x" * 51, "at most 50"),
        ("rd_expense", 20000, "cannot exceed revenue"),
    ],
)
def test_out_of_range_or_mistyped_answers_are_refused(mini_bundle, tmp_path, qid, value, needle):
    bad = {**GOOD, "answers": {**GOOD["answers"], qid: value}}
    with pytest.raises(AnswersError) as e:
        assess_answers(mini_bundle, load_answers(write(tmp_path, bad)), name="x.json")
    assert needle in str(e.value) and f"answers.{qid}" in str(e.value)


def test_an_unknown_questionnaire_version_is_refused(mini_bundle, tmp_path):
    bad = {**GOOD, "questionnaire": {"id": "mini", "version": "0.9.0"}}
    with pytest.raises(AnswersError, match=r"version 0\.9\.0 is not known"):
        assess_answers(mini_bundle, load_answers(write(tmp_path, bad)))


def test_an_older_version_is_migrated_by_declared_steps(tmp_path):
    root = tmp_path / "defs"
    (root / "mini").mkdir(parents=True)
    (root / "supports.yaml").write_bytes((MINI / "supports.yaml").read_bytes())
    text = (MINI / "mini" / "1.0.0.yaml").read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "1.1.0"')
    text = text.split("\nmigrations:")[0] + "\n"  # this test's own migration replaces mini's
    text += (
        "migrations:\n  - from_version: '0.9.*'\n    steps:\n"
        "      - {op: rename, q: erp_level, to: erp}\n      - {op: recode, q: erp, map: {paper: l1}}\n"
        "      - {op: drop, q: fax}\n"
    )
    (root / "mini" / "1.1.0.yaml").write_text(text, encoding="utf-8")
    bundle = load_bundle(root)
    old = {
        **GOOD,
        "questionnaire": {"id": "mini", "version": "0.9.3"},
        "answers": {**{k: v for k, v in GOOD["answers"].items() if k != "erp"}, "erp_level": "paper", "fax": "1"},
    }
    r = assess_answers(bundle, load_answers(write(tmp_path, old)))
    d1 = next(d for d in r.dimensions if d.id == "D1")
    assert next(i for i in d1.items if i.q == "erp").answer == "l1"


def test_a_malformed_questionnaire_names_file_and_line(tmp_path):
    root = tmp_path / "defs"
    (root / "mini").mkdir(parents=True)
    (root / "supports.yaml").write_bytes((MINI / "supports.yaml").read_bytes())
    text = (MINI / "mini" / "1.0.0.yaml").read_text(encoding="utf-8").replace("kind: yesno", "kind: yes_no")
    (root / "mini" / "1.0.0.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as e:
        load_bundle(root)
    line = text.splitlines().index("        kind: yes_no") + 1
    assert f"1.0.0.yaml:{line}: accident:" in str(e.value)


def test_invalid_yaml_gives_the_line(tmp_path):
    root = tmp_path / "defs"
    (root / "mini").mkdir(parents=True)
    (root / "mini" / "1.0.0.yaml").write_text("id: mini\nsections: [\n  - {", encoding="utf-8")
    with pytest.raises(DefinitionError, match="invalid YAML"):
        load_bundle(root)


def test_saving_is_atomic_and_leaves_no_temp_files(tmp_path, mini_answers):
    p = tmp_path / "ws" / "a.json"
    save_answers(p, mini_answers)
    mini_answers.answers["erp"] = Answer(value="l4")
    save_answers(p, mini_answers)
    assert load_answers(p).answers["erp"].value == "l4"
    assert os.listdir(p.parent) == ["a.json"]


def test_a_failed_save_keeps_the_previous_file(tmp_path, mini_answers, monkeypatch):
    p = tmp_path / "a.json"
    save_answers(p, mini_answers)
    before = p.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    mini_answers.answers["erp"] = Answer(value="l4")
    with pytest.raises(AnswersError, match="No space left"):
        save_answers(p, mini_answers)
    assert p.read_bytes() == before
    assert os.listdir(tmp_path) == ["a.json"]


def test_a_kill_during_saving_never_leaves_a_half_file(tmp_path, mini_answers):
    p = tmp_path / "a.json"
    save_answers(p, mini_answers)
    code = (
        "import os, sys\nfrom pathlib import Path\nfrom assess.files.storage import load_answers, save_answers\n"
        f"af = load_answers(Path({str(p)!r}))\n"
        "while True:\n    save_answers(Path(sys.argv[1]), af)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(p)])
    try:
        for _ in range(50):
            load_answers(p)  # must always parse, whatever moment we read it
    finally:
        proc.kill()
        proc.wait()
    load_answers(p)


def test_a_reassessment_prefills_answers_to_confirm(mini_bundle, mini_answers):
    qn = mini_bundle.latest("mini")
    t1 = reassessment_from(mini_answers, qn)
    assert t1.based_on == mini_answers.response_id and t1.response_id != mini_answers.response_id
    assert all(a.to_confirm and not a.verified for a in t1.answers.values())
    assert t1.answers["erp"].value == mini_answers.answers["erp"].value


def test_new_answer_files_are_named_by_id_not_company_text(tmp_path):
    from assess.files.storage import answer_path

    af = new_answer_file("mini", "1.0.0", None, "../../etc/passwd")
    p = answer_path(tmp_path, af)
    assert p.parent == tmp_path and "passwd" not in p.name


def test_spreadsheet_text_parses_to_codes(mini_bundle):
    from assess.engine.answers import ParseError

    engine = engine_for(mini_bundle, mini_bundle.latest("mini"))
    q = engine.questions
    assert engine.parse(q["security"], "定期备份、杀毒软件").value == ["backup", "antivirus"]
    assert engine.parse(q["security"], "backup; policy").value == ["backup", "policy"]
    assert engine.parse(q["revenue"], "１,２００ 万元").value == 1200
    assert engine.parse(q["accident"], "否").value is False
    assert engine.parse(q["founded"], "2015年3月1日").value == "2015-03-01"
    assert engine.parse(q["revenue"], "不知道").special == "dk"
    assert engine.parse(q["erp"], "Spreadsheets").value == "l2"
    with pytest.raises(ParseError):
        engine.parse(q["erp"], "maybe")


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),  # Windows Notepad's UTF-8 with a byte-order mark
        lambda text: text.encode("utf-16"),  # "Unicode" in older Windows editors
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16", "crlf"],
)
def test_answer_files_saved_by_windows_editors_are_read(tmp_path, mini_bundle, encode):
    text = (MINI / "answers.json").read_text(encoding="utf-8")
    p = tmp_path / "win.json"
    p.write_bytes(encode(text))
    assert load_answers(p) == load_answers(MINI / "answers.json")
    from assess.pipeline.batch import score_many
    from assess.pipeline.figures import Assessed

    [(_, fast)] = list(score_many(mini_bundle, [(str(p), p.read_bytes())]))
    assert isinstance(fast, Assessed) and fast.company == "淮安喆堃科技有限公司"
