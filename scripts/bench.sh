#!/usr/bin/env bash
# Set up .venv with the bench and wasm extras, run the side-by-side comparison (writes
# benchmarks/results/latest.{md,json,png}), then the pytest-benchmark suite.
# Arguments go to compare.py: --quick (fewer repetitions), --update-readme, --runners, --workloads.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev,bench,wasm
for arg in "$@"; do
    if [ "$arg" = "--quick" ]; then export BENCH_ROUNDS="${BENCH_ROUNDS:-2}"; fi
done
.venv/bin/python benchmarks/compare.py "$@"
exec .venv/bin/python -m pytest benchmarks/test_bench.py -q -p no:cacheprovider \
    --benchmark-columns=min,median,rounds --benchmark-sort=name --benchmark-group-by=group \
    --benchmark-timer=time.process_time --benchmark-autosave
