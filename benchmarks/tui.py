"""Start-up benchmark of the terminal app (issue #4): process start → first question rendered.

Runs, in the same session and alternating, (a) a minimal Textual app (one label) until its first
screen is rendered and (b) ``assess``'s app on the bundled questionnaire, started the way ``assess``
starts it (definitions from the start-up cache), until the first question of a new quick scan is
rendered, both headless in fresh interpreters. Prints medians and best runs and the
ratio b/a (target ≤ 2.5), and whether weasyprint was imported (it must not be at start-up).

Both apps are looked at the same way: one ``pilot.pause()`` (every pending message handled, then the
process idle for a 20 ms window, so the frame is drawn) before the time is taken; the assess run pauses
again only if its question is not up yet. (Until 2026-12-02 the assess run paused twice, which added one
idle window, about 20 ms, that the minimal app did not pay.)

Both apps run with a bytecode cache, as an installed app has (pip compiles every module): the runs get
their own ``PYTHONPYCACHEPREFIX`` (a temporary folder, filled by the warm-up runs), whatever
``PYTHONDONTWRITEBYTECODE`` says. Without it, where that variable is set, every run would compile
assess's own modules from source while textual's come precompiled from site-packages.
``--source`` measures that way (the environment's setting, nothing written).

Usage: ``.venv/bin/python benchmarks/tui.py [--runs 7] [--source]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

MINIMAL = """
import sys, time
from textual.app import App
from textual.widgets import Label

class Minimal(App[None]):
    def compose(self):
        yield Label("你好")

async def pilot(p):
    await p.pause()
    print(time.time(), "weasyprint" in sys.modules)
    p.app.exit()

Minimal().run(headless=True, size=(80, 24), auto_pilot=pilot)
"""

ASSESS = """
import sys, time
from pathlib import Path
from assess.tui.app import AssessApp
from assess.files.bundle_cache import load_bundle_cached
from assess.tui.screens.question import QuestionScreen

async def pilot(p):
    # what typing a name and pressing enter does, without the pilot's per-key waits
    p.app.screen.query_one("#company").value = "淮安基准测试有限公司"
    p.app.screen.action_new("quick")
    await p.pause()  # like the minimal app's one pause: until the app is idle, then look
    while not (isinstance(p.app.screen, QuestionScreen) and p.app.screen.q is not None):
        await p.pause()
    print(time.time(), "weasyprint" in sys.modules)
    p.app.exit()

AssessApp(load_bundle_cached(), Path(sys.argv[1]), None, "zh").run(headless=True, size=(80, 24), auto_pilot=pilot)
"""


def one_run(code: str, parent: str, env: dict[str, str] | None = None) -> tuple[float, bool]:
    """Seconds from spawning `code` in a fresh interpreter to its "rendered" line, and weasyprint seen.

    Each run gets a new, empty workspace (a first quick scan)."""
    workspace = tempfile.mkdtemp(dir=parent)
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, workspace], capture_output=True, text=True, check=True, env=env)
    line = [x for x in out.stdout.splitlines() if x.strip()][-1].split()
    return float(line[0]) - start, line[1] == "True"


def main() -> None:
    """Measure both apps `--runs` times, alternating, and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", action="store_true", help="no bytecode cache of our own (see above)")
    args = parser.parse_args()
    minimal: list[float] = []
    assess: list[float] = []
    heavy = False
    with tempfile.TemporaryDirectory() as ws:
        env = None
        if not args.source:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = os.path.join(ws, "pycache")
        one_run(MINIMAL, ws, env)  # warm the file cache (and the bytecode cache) for both
        one_run(ASSESS, ws, env)
        for _ in range(args.runs):
            minimal.append(one_run(MINIMAL, ws, env)[0])
            seconds, imported = one_run(ASSESS, ws, env)
            assess.append(seconds)
            heavy = heavy or imported
    a, b = statistics.median(minimal), statistics.median(assess)
    print(f"minimal Textual app, first screen:      {a * 1000:7.0f} ms median, {min(minimal) * 1000:5.0f} ms best")
    print(f"assess app, first question of a scan:   {b * 1000:7.0f} ms median, {min(assess) * 1000:5.0f} ms best")
    print(f"ratio: {b / a:.2f} (medians), {min(assess) / min(minimal):.2f} (best runs)  (target <= 2.5)")
    print(f"weasyprint imported at start-up: {'YES (bad)' if heavy else 'no'}")
    print(
        f"bytecode: {'as the environment says (--source)' if args.source else 'cached, as installed'}; load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
