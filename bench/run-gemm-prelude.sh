#!/usr/bin/env bash
# The hot MLP products (batch-1 dense forward GEMVs, the nine batch-128 training products, as the layers call them)
# timed in a fresh JVM and after 6000 products of random shapes (GemmPreludeBench), then a table of both and their
# ratio: a JIT cliff shows as a ratio well above 1. About 5 minutes with the defaults (24 forks).
#
# Usage: bench/run-gemm-prelude.sh [--products LIST] [--threads T] [--results DIR] [--no-build] [-- JMH options...]
#   --products LIST    comma-separated HotGemms ids (default all: b1-l1,b1-l2,b1-l3,l1-fwd,...,l3-bp2)
#   --threads T        lanes threads (default 1)
#   --results DIR      output directory (default bench/results)
# JMH defaults from the benchmark: 1 fork x (3 x 1 s warm-up + 5 x 1 s measured) per cell.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

products=b1-l1,b1-l2,b1-l3,l1-fwd,l1-bp4,l1-bp2,l2-fwd,l2-bp4,l2-bp2,l3-fwd,l3-bp4,l3-bp2
threads=1
results=bench/results
build=1
jmh_extra=()

while (($#)); do
    case "$1" in
        --products) products=${2:?--products needs a value}; shift ;;
        --threads) threads=${2:?--threads needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-build) build=0 ;;
        --) shift; jmh_extra=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run-gemm-prelude.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

source "$ROOT/bench/jdk25.sh"
JAR=bench/target/benchmarks.jar
if ((build)); then
    ./mvnw -q -pl bench -am package -DskipTests
fi
mkdir -p "$results"
"$JAVA" -jar "$JAR" dev.lanes.bench.gemm.GemmPreludeBench.product -p "product=$products" -p "threads=$threads" \
    -jvmArgsPrepend "-Dlanes.threads=$threads" "${jmh_extra[@]}" -rf json -rff "$results/gemm-prelude.json" \
    2>&1 | tee "$results/gemm-prelude.log"
"$JAVA" -cp "$JAR" dev.lanes.bench.gemm.GemmPreludeReport "$results/gemm-prelude.json" | tee "$results/gemm-prelude.md"
