#!/usr/bin/env bash
# Set everything up (idempotent) and open the terminal app. Arguments go to `assess`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/assess "$@"
