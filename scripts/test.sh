#!/usr/bin/env bash
# Set up and run the whole test suite (what CI runs). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev,wasm,agent
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
export PYTHONHASHSEED="${PYTHONHASHSEED:-0}"   # xdist workers must collect the same parametrised ids
exec .venv/bin/python -m pytest -q -n 2 tests fuzz "$@"
