#!/usr/bin/env bash
# Set up and run the demo: safeexec.run on sample untrusted code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m safeexec.demo "$@"
