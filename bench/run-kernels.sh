#!/usr/bin/env bash
# The kernel benchmarks in one command: every elementwise, softmax/loss, vector and optimizer kernel
# against its scalar reference, the fused GEMM epilogue against plain and unfused GEMM, and a STREAM-like
# copy/triad for the machine's bandwidth. Writes JMH JSON and the log to bench/results/kernels/.
#
# Usage: bench/run-kernels.sh [-- JMH options]     (default plan: 1 fork, 3 x 1 s warm-up, 5 x 1 s measured;
#                                                  about 25 minutes on a 2-core machine; run it on a quiet one)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/bench/jdk25.sh"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
out=bench/results/kernels
mkdir -p "$out"
./mvnw -q -pl bench -am package -DskipTests
jmh_extra=()
if [ "${1:-}" = "--" ]; then shift; jmh_extra=("$@"); fi
java -jar bench/target/benchmarks.jar 'dev.lanes.bench.kernels' -f 1 -wi 3 -w 1s -i 5 -r 1s \
    -rf json -rff "$out/kernels.json" "${jmh_extra[@]}" 2>&1 | tee "$out/kernels.log"
echo "run-kernels.sh: results in $out/kernels.json"
