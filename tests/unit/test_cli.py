"""The command line: exit codes, stdout/stderr, no tracebacks for user errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli
from assess.files.schemas import MODELS, schema_dir, schema_text
from tests.conftest import MINI

ANSWERS = str(MINI / "answers.json")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_score_prints_an_explained_summary():
    r = run("score", ANSWERS, "--questionnaires", str(MINI))
    assert r.exit_code == 0, r.output
    assert "淮安喆堃科技有限公司" in r.output and "贯通级" in r.output and "加权平均" in r.output


def test_score_json_has_the_documented_shape():
    r = run("score", ANSWERS, "--json", "--questionnaires", str(MINI))
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert d["file"] == ANSWERS and d["company"] == "淮安喆堃科技有限公司"
    assert d["questionnaire"] == {"id": "mini", "version": "1.0.0"}
    assert d["overall"]["level"] == {"id": "L3", "zh": "贯通级", "en": "Connected"}
    assert {"id", "zh", "en", "score", "trace"} <= set(d["dimensions"][0])
    s = d["supports"][0]
    assert {"id", "zh", "en", "status", "reasons", "missing", "clause", "departments"} <= set(s)


def test_score_json_of_several_files_is_an_array():
    r = run("score", ANSWERS, ANSWERS, "--json", "--questionnaires", str(MINI))
    assert isinstance(json.loads(r.output), list)


def test_a_bad_file_exits_1_with_one_line_and_the_good_ones_still_score(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = CliRunner().invoke(cli, ["score", str(bad), ANSWERS, "--json", "--questionnaires", str(MINI)])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    err = [ln for ln in r.stderr.splitlines() if ln]
    assert len(err) == 1 and str(bad) in err[0]
    assert "淮安喆堃科技有限公司" in r.stdout


def test_a_missing_file_exits_1():
    r = run("score", "/nonexistent/a.json", "--questionnaires", str(MINI))
    assert r.exit_code == 1 and "cannot read" in r.stderr


def test_a_usage_error_exits_2():
    assert run("score").exit_code == 2
    assert run("nonsense").exit_code == 2


def test_validate_passes_on_the_test_questionnaire():
    r = run("validate", str(MINI))
    assert r.exit_code == 0, r.output


def test_validate_reports_all_problems_with_file_and_line(tmp_path):
    root = tmp_path / "defs"
    shutil.copytree(MINI, root)
    p = root / "mini" / "1.0.0.yaml"
    text = p.read_text(encoding="utf-8")
    text = text.replace("value: manufacturing}", "value: manufactoring}")
    text = text.replace("- {min: 20, max: 60, score: 50}", "- {min: 25, max: 60, score: 50}")
    text = text.replace("label: {zh: 联系人, en: Contact person}", "label: {zh: 联系人, en: ''}")
    text = text.replace(
        "show_if: {op: not, cond: {op: eq, q: ai_use, value: none}}", "show_if: {op: ge, q: ai_budget, value: 1}"
    )
    p.write_text(text, encoding="utf-8")
    r = run("validate", str(root))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert any("'manufactoring' is not an option code of industry" in ln for ln in lines)
    assert any("leave a gap" in ln for ln in lines)
    assert any("contact_name: missing en translation" in ln for ln in lines)
    assert any("comes later" in ln for ln in lines)
    assert all(ln.startswith(f"{p}:") for ln in lines)


def test_schema_prints_json_schema():
    r = run("schema", "answers")
    assert r.exit_code == 0 and json.loads(r.output)["title"] == "AnswerFile"


def test_committed_schemas_are_up_to_date():
    for what in MODELS:
        committed = (schema_dir() / f"{what}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(what), f"run `python -m assess.files.schemas` to refresh {what}.schema.json"


def test_python_dash_m_works():
    r = subprocess.run([sys.executable, "-m", "assess", "--help"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and "validate" in r.stdout


def test_the_core_never_imports_the_front_ends_or_heavy_modules():
    code = (
        "import sys, assess.pipeline, assess.files.loading, assess.files.storage, assess.engine, assess.pipeline.lint, assess.bulk\n"
        "import assess.report\n"
        "print([m for m in ('textual', 'weasyprint', 'openpyxl', 'dask', 'assess.tui', 'assess.cli') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd())
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_editing_a_published_version_is_reported(tmp_path):
    from assess.domain.questionnaire import content_hash
    from assess.files.loading import load_bundle

    root = tmp_path / "defs"
    shutil.copytree(MINI, root)
    qn = load_bundle(root).latest("mini")
    (root / "published.txt").write_text(f"mini 1.0.0 {content_hash(qn)}\n", encoding="utf-8")
    assert run("validate", str(root)).exit_code == 0
    p = root / "mini" / "1.0.0.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("联系人", "联系人姓名"), encoding="utf-8")
    r = run("validate", str(root))
    assert r.exit_code == 1 and "published version 1.0.0 was changed" in r.stdout


def test_every_published_bundled_version_is_unchanged():
    from assess.pipeline.lint import lint_path

    assert [str(p) for p in lint_path() if "published" in p.message] == []


def test_validate_refuses_a_file_that_is_not_a_definition(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    r = run("validate", str(other))
    assert r.exit_code == 1 and "not a definitions file" in r.stdout
