"""Rendering real PDFs: text, fonts, both languages, hostile input, files, errors.

Each PDF takes about a second; the module renders the standard reports once and reuses them.
"""

from __future__ import annotations

import http.server
import io
import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader

from assess.domain.answers import AnswerFile
from assess.domain.errors import ReportError
from assess.files.loading import Bundle
from assess.pipeline import evaluate as score
from assess.report import Renderer, export_report, path_in, safe_filename
from assess.report.pdf import harfbuzz_subset_available
from tests.report.conftest import pdf_fonts, pdf_text

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
]
RARE = "喆堃珺昇犇"


@pytest.fixture(scope="module")
def zh_pdf(bundle: Bundle) -> bytes:
    from assess.files.storage import load_answers
    from tests.report.conftest import DATA

    r = Renderer(strict=True)
    prev = load_answers(DATA / "previous.json")
    current = score(bundle, load_answers(DATA / "answers.json"))
    html = r.html(r.context(current, previous=score(bundle, prev), full=True))
    return r.pdf(html)


def test_harfbuzz_subset_is_installed() -> None:
    assert harfbuzz_subset_available(), "apt install libharfbuzz-subset0 (else CJK PDFs are ~10x slower)"


def test_the_pdf_has_the_company_levels_and_supports_to_apply_for(zh_pdf: bytes) -> None:
    text = pdf_text(zh_pdf)
    assert zh_pdf.startswith(b"%PDF")
    assert "淮安喆堃珺昇犇精密机械有限公司" in text
    for word in ("筑基级", "未感知", "算力券", "科技型中小企业评价", "建议申请", "第5条", "市数据局"):
        assert word in text, word
    assert "以当年申报通知为准" in text
    assert "预估" in text and "免责声明" in text
    assert "与上次评估相比" in text and "▲" in text


def test_only_the_bundled_cjk_font_is_used_and_it_is_embedded(zh_pdf: bytes) -> None:
    fonts = pdf_fonts(zh_pdf)
    assert fonts, "no fonts found"
    assert all("Noto-Sans-CJK-SC" in name for name in fonts), fonts
    assert all(fonts.values()), fonts
    assert len(zh_pdf) < 2_000_000  # subset, never full fonts


def test_characters_outside_gb2312_are_in_the_bundled_font(renderer: Renderer) -> None:
    assert renderer.missing_glyphs(RARE + "淮安市") == set()
    assert renderer.missing_glyphs("\U00020000") == {"\U00020000"}  # CJK Ext. B is not: logged, not hidden


def test_the_pdf_has_page_numbers_and_a_running_header(zh_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(zh_pdf))
    n = len(reader.pages)
    assert 6 <= n <= 20
    second = reader.pages[1].extract_text()
    assert f"2 / {n}" in second
    assert "人工智能就绪度评估报告" in second and "淮安喆堃珺昇犇精密机械有限公司" in second
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_english_renders(renderer: Renderer, bundle: Bundle, answers: AnswerFile, tmp_path: Path) -> None:
    out = renderer.export(score(bundle, answers), tmp_path / "en.pdf", lang="en")
    text = pdf_text(out.read_bytes())
    for word in ("AI-readiness assessment report", "Foundations", "Compute voucher", "Apply", "Disclaimer"):
        assert word in text, word
    assert "淮安喆堃珺昇犇精密机械有限公司" in text


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_company_names_render_literally_and_embed_nothing(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile, tmp_path: Path, name: str
) -> None:
    af = answers.model_copy(update={"company": answers.company.model_copy(update={"name": name})})
    af.answers["security"] = af.answers["security"].model_copy(update={"note": name})
    html = renderer.render_html(score(bundle, af))
    assert name not in html  # escaped everywhere
    out = renderer.export(score(bundle, af), tmp_path / "x.pdf")
    data = out.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert not reader.attachments
    assert b"/EmbeddedFile" not in data
    assert b"root:" not in data
    assert name in pdf_text(data).replace("\n", "")


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_the_fetcher_refuses_files_outside_the_assets_and_the_network(
    renderer: Renderer, server: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Even unescaped markup (a template bug) can reach neither local files nor the network."""
    evil = (
        f'<html><head><link rel="stylesheet" href="{server}/a.css"><style>@import url("{server}/b.css");</style></head>'
        f'<body><img src="{server}/c.png"><img src="file:///etc/passwd">'
        '<link rel="attachment" href="file:///etc/passwd"><a rel="attachment" href="../../../../etc/passwd">x</a>'
        '<img src="assets/../../../../etc/hostname"><p style="background: url(file:///etc/passwd)">y</p></body></html>'
    )
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        data, _ = renderer.pdf_writer.write(evil)
    assert _Counter.hits == []
    assert not PdfReader(io.BytesIO(data)).attachments
    assert b"/EmbeddedFile" not in data and b"root:" not in data


def test_the_fetcher_serves_the_bundled_fonts(renderer: Renderer) -> None:
    fetched = renderer.pdf_writer.fetcher.fetch((renderer.assets / "fonts" / "OFL.txt").as_uri())
    assert b"SIL OPEN FONT LICENSE" in fetched.read()
    with pytest.raises(ValueError, match="refused"):
        renderer.pdf_writer.fetcher.fetch((renderer.template_dir / "report.css").as_uri())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("淮安喆堃珺昇犇精密机械有限公司", "淮安喆堃珺昇犇精密机械有限公司.pdf"),
        ("../../etc/passwd", "etc_passwd.pdf"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j.pdf"),
        ("..", "report.pdf"),
        ("   ", "report.pdf"),
        ("CON", "report.pdf"),
        (".hidden", "hidden.pdf"),
        ("line\nbreak\x00", "linebreak.pdf"),
    ],
)
def test_file_names_from_company_names_stay_in_the_folder(tmp_path: Path, name: str, expected: str) -> None:
    filename = safe_filename(name)
    assert filename == expected
    assert path_in(tmp_path, filename).parent == tmp_path.resolve()


def test_long_names_are_cut_to_a_safe_length() -> None:
    assert len(safe_filename("淮" * 300).encode()) <= 184


def test_path_in_refuses_escapes(tmp_path: Path) -> None:
    for bad in ("../x.pdf", "a/../../x.pdf", "..", "/etc/x.pdf"):
        with pytest.raises(ReportError, match="leave the output folder"):
            path_in(tmp_path, bad)


def test_export_writes_pdf_and_html_atomically(bundle: Bundle, answers: AnswerFile, tmp_path: Path) -> None:
    out = export_report(score(bundle, answers), tmp_path / "r.pdf", html_path=tmp_path / "r.html")
    assert out == tmp_path / "r.pdf" and out.read_bytes().startswith(b"%PDF")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "<style>" in html and '"Noto Sans CJK SC"' in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]  # no temp files left


def test_an_unwritable_path_is_a_one_line_report_error(
    renderer: Renderer, bundle: Bundle, answers: AnswerFile, tmp_path: Path
) -> None:
    with pytest.raises(ReportError) as e:
        renderer.export(score(bundle, answers), tmp_path / "missing-folder" / "r.pdf")
    assert "\n" not in str(e.value) and "missing-folder" in str(e.value)
    with pytest.raises(ReportError, match="folder"):
        renderer.export(score(bundle, answers), tmp_path)


def test_a_missing_font_is_a_clear_error(tmp_path: Path, renderer: Renderer) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(renderer.template_dir, copy, ignore=shutil.ignore_patterns("*.otf"))
    with pytest.raises(ReportError, match="report font missing"):
        Renderer(copy)


def test_an_unloadable_font_is_a_clear_error(tmp_path: Path, renderer: Renderer) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(renderer.template_dir, copy, ignore=shutil.ignore_patterns("*.otf"))
    for font in ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf"):
        (copy / "assets" / "fonts" / font).write_bytes(b"not a font")
    with pytest.raises(ReportError, match="font"):
        _ = Renderer(copy).pdf_writer


def test_importing_the_report_package_does_not_import_weasyprint() -> None:
    code = "import assess.report, sys; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
