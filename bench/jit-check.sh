#!/usr/bin/env bash
# No JIT cliffs: runs a random mix of GEMM calls (every transpose, tiny, GEMV-like, skinny, short-k, medium and
# large shapes, the fused forward and sgemmTimesDerivative), then the hot MLP products, then the mix again, under
# -XX:+PrintCompilation -XX:+PrintInlining, and lists every dev.lanes.kernels method that
#   failed   a compile ended in COMPILE SKIPPED, or the method was made not compilable at some tier;
#   stuck    was compiled at tier 2 or 3 but never at tier 4, and is not inlined by C2 anywhere;
#   boxed    takes or returns a vector and C2 declined to inline a call of it.
# Exits 1 if there is any. The workload is dev.lanes.bench.gemm.JitMix, the log reader CompilationLog. The time per
# call of the hot products after the random prelude is printed too (information only: time it properly with
# bench/run-gemm-prelude.sh, under /work/tools/cpu-exclusive on a shared machine).
#
# Usage: bench/jit-check.sh [options] [-- extra JVM options...]
#   --prelude N        random products before the hot ones (default 6000)
#   --hot-seconds S    seconds of hot MLP products (default 6)
#   --final N          random products after them (default 30000)
#   --threads T        lanes threads (default 2: the parallel paths too)
#   --log FILE         where the JIT log goes (default bench/results/jit-check.log)
#   --no-build         use bench/target/benchmarks.jar as it is
# e.g. bench/jit-check.sh -- -XX:MaxVectorSize=32   (the AVX2 width)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

prelude=6000
hot_seconds=6
final=30000
threads=2
log=bench/results/jit-check.log
build=1
jvm_extra=()

die() {
    echo "jit-check.sh: $*" >&2
    exit 2
}

while (($#)); do
    case "$1" in
        --prelude) prelude=${2:?--prelude needs a value}; shift ;;
        --hot-seconds) hot_seconds=${2:?--hot-seconds needs a value}; shift ;;
        --final) final=${2:?--final needs a value}; shift ;;
        --threads) threads=${2:?--threads needs a value}; shift ;;
        --log) log=${2:?--log needs a value}; shift ;;
        --no-build) build=0 ;;
        --) shift; jvm_extra=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done

source "$ROOT/bench/jdk25.sh"

JAR=bench/target/benchmarks.jar
if ((build)); then
    echo "jit-check.sh: building $JAR"
    ./mvnw -q -pl bench -am package -DskipTests
fi
[[ -f "$JAR" ]] || die "no $JAR: run without --no-build"
mkdir -p "$(dirname "$log")"

# The JIT's lines go to stderr (DisplayVMOutputToStderr) and into the log; the workload's own lines to stdout.
echo "jit-check.sh: $prelude random products, ${hot_seconds} s of hot products, $final random products," \
    "$threads thread(s); JIT log in $log"
"$JAVA" --add-modules=jdk.incubator.vector -Dlanes.threads="$threads" \
    -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+PrintInlining -XX:+DisplayVMOutputToStderr \
    "${jvm_extra[@]}" -cp "$JAR" dev.lanes.bench.gemm.JitMix "$prelude" "$hot_seconds" "$final" \
    2> >(grep -v 'Using incubator modules' >"$log") | tee "$log.out"
wait
grep -qx 'jit-mix: done' "$log.out" || die "the workload did not finish (see $log.out)"

"$JAVA" --add-modules=jdk.incubator.vector -cp "$JAR" dev.lanes.bench.gemm.CompilationLog "$log" \
    2> >(grep -v 'Using incubator modules' >&2)
