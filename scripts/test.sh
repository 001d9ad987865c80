#!/usr/bin/env bash
# Set everything up (idempotent) and run the whole gate: ruff, mypy, then the test suite.
# Exit 0 only when tests ran and all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
PY=.venv/bin/python
echo "== weasyprint: $($PY -c 'import weasyprint; print(weasyprint.__version__)' 2>/dev/null)"
echo "== ruff"
.venv/bin/ruff check assess tests benchmarks scripts
.venv/bin/ruff format --check assess tests benchmarks
echo "== mypy"
.venv/bin/mypy
echo "== lint-imports (layers, no cycles; contracts in pyproject.toml)"
.venv/bin/lint-imports --no-cache
echo "== pytest"
set +e
.venv/bin/pytest -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "no tests ran" >&2
  exit 1
fi
exit "$rc"
