"""Benchmark: our report path vs WeasyPrint rendering the same final HTML directly, for both editions.

For the owner's report (default) and the consultant edition (``--full``), in one process, warm (one
untimed run of each first), median of ``--runs`` interleaved runs:

* **ours**: ``pipeline.evaluate`` + ``Renderer.export`` — score once, view model, Jinja, PDF, atomic write;
* **direct**: ``weasyprint.HTML(string=final_html, base_url=templates).write_pdf()`` on the same final
  HTML (stylesheet inlined, fonts loaded through ``@font-face``), written to a file;
* **direct, prebuilt CSS**: the same, with the stylesheet and font configuration built once (the
  floor: WeasyPrint's layout and PDF output alone).

Prints seconds per report for each edition, the overhead ratio ours / direct (target ≤ 1.15) and
seconds per page.

    .venv/bin/python benchmarks/report.py [--answers FILE] [--questionnaires DIR] [--runs 7] [--lang zh]

Without ``--answers`` it uses the first persona in ``tests/personas/`` when there is one, else the
report tests' answers (``tests/report/data``, on ``tests/data/mini``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assess.files.loading import load_bundle  # noqa: E402
from assess.files.storage import load_answers  # noqa: E402
from assess.pipeline import evaluate  # noqa: E402
from assess.report import Renderer  # noqa: E402
from assess.report.pdf import harfbuzz_subset_available  # noqa: E402


def _default_input() -> tuple[Path, Path | None]:
    personas = sorted((ROOT / "tests" / "personas").glob("*.json"))
    if personas:
        return personas[0], None
    return ROOT / "tests" / "report" / "data" / "answers.json", ROOT / "tests" / "data" / "mini"


def _medians(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median wall time of each function; runs are interleaved so that machine load hits all alike."""
    for fn in fns.values():
        fn()  # warm-up
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--answers", type=Path)
    ap.add_argument("--questionnaires", type=Path, help="questionnaire folder (default: bundled)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = ap.parse_args()
    answers_path, qdir = (args.answers, args.questionnaires) if args.answers else _default_input()
    bundle = load_bundle(qdir or args.questionnaires)
    af = load_answers(answers_path)

    t = time.perf_counter()
    import weasyprint

    import_s = time.perf_counter() - t
    renderer = Renderer()
    print(f"input: {answers_path.relative_to(ROOT) if answers_path.is_relative_to(ROOT) else answers_path}")
    print(
        f"harfbuzz-subset: {'yes' if harfbuzz_subset_available() else 'NO (slow fontTools fallback)'}; "
        f"weasyprint {weasyprint.__version__}; import {import_s:.2f} s; runs: {args.runs} (median, warm, "
        f"interleaved); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    per_report = {}
    for full in (False, True):
        per_report[full] = _edition(renderer, bundle, af, args.lang, full, args.runs)
    print(f"default / --full time per report: {per_report[False] / per_report[True]:.2f}")


def _edition(renderer: Renderer, bundle: Any, af: Any, lang: Any, full: bool, runs: int) -> float:
    """Time one edition against WeasyPrint alone on the same HTML; print its figures; return ours."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    base = renderer.template_dir.as_uri() + "/"
    ctx = renderer.context(evaluate(bundle, af), lang=lang, full=full)
    final_html = renderer.html(ctx)
    standalone = renderer.html(ctx, standalone=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def ours() -> None:
            renderer.export(evaluate(bundle, af), out / "ours.pdf", lang=lang, full=full)

        def direct() -> None:
            weasyprint.HTML(string=standalone, base_url=base).write_pdf(out / "direct.pdf")

        fc = FontConfiguration()
        css = weasyprint.CSS(string=renderer.css, base_url=base, font_config=fc)

        def direct_prebuilt() -> None:
            weasyprint.HTML(string=final_html, base_url=base).write_pdf(
                out / "prebuilt.pdf", stylesheets=[css], font_config=fc
            )

        def context_only() -> None:
            renderer.html(renderer.context(evaluate(bundle, af), lang=lang, full=full))

        m = _medians({"ours": ours, "direct": direct, "pre": direct_prebuilt, "ctx": context_only}, runs)
        t_ours, t_direct, t_pre, t_ctx = m["ours"], m["direct"], m["pre"], m["ctx"]
        ours()
        pages = renderer.last_pages
        size = (out / "ours.pdf").stat().st_size
    name = "--full (consultant edition)" if full else "default (owner's report)"
    print(f"\n{name}: {pages} pages; PDF {size / 1024:.0f} KiB")
    print(f"  ours (score + context + Jinja + PDF + write): {t_ours:.3f} s per report ({t_ours / pages:.3f} s/page)")
    print(f"    of which score + context + Jinja:           {t_ctx:.3f} s")
    print(f"  direct WeasyPrint, same HTML:                 {t_direct:.3f} s   ({t_direct / pages:.3f} s/page)")
    print(f"  direct WeasyPrint, prebuilt CSS + fonts:      {t_pre:.3f} s   ({t_pre / pages:.3f} s/page)")
    print(f"  overhead ratio ours / direct:           {t_ours / t_direct:.2f}  (target <= 1.15)")
    print(f"  overhead ratio ours / direct prebuilt:  {t_ours / t_pre:.2f}")
    return t_ours


if __name__ == "__main__":
    main()
