#!/bin/sh
# run.sh -- `make bench`: analysis throughput (MB/s) and peak memory on the
# corpus articles repeated to LIS_BENCH_MB megabytes (default 100).
# Run from the build directory.  Prints figures; fails only if the
# benchmark cannot run, never because of timing.
set -e
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
bench=./tests/bench/bench_analysis
if [ ! -x "$bench" ]; then
    echo "run.sh: $bench not built (run 'make bench' in the build directory)" >&2
    exit 1
fi
mb=${LIS_BENCH_MB:-100}
echo "== analysis (one core) =="
"$bench" "$srcdir" "$mb"
