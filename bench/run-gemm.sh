#!/usr/bin/env bash
# The SGEMM comparison in one command: lanes against its scalar reference, EJML, ojAlgo and netlib's
# JavaBLAS, VectorBLAS and NativeBLAS (OpenBLAS), at 1 and 2 threads, plus the FMA peak. Writes JMH JSON and logs,
# the machine description, a markdown table and PNG charts to bench/results/ (or --results DIR).
#
# Usage: bench/run-gemm.sh [options] [-- JMH options...]
#   --quick            1 fork, 2 x 500 ms warm-up, 2 x 500 ms measured (about 10 min instead of about 40)
#   --threads "1 2"    thread counts to run (default "1 2")
#   --shapes LIST      comma-separated shape ids (default all: 64,...,2048,l1-fwd,...,l3-bp2)
#   --impls LIST       comma-separated implementations (default all: lanes,scalar,ejml,ojalgo,javablas,
#                      vectorblas,openblas; single-threaded ones are skipped above 1 thread)
#   --results DIR      output directory (default bench/results)
#   --no-peak          skip the FMA peak measurement
#   --no-build         use bench/target/benchmarks.jar as it is (default: rebuild it from this checkout)
# Everything after -- goes to JMH as is (e.g. -- -prof gc, or -- -f 3 -i 5 to change the iteration plan, or
# -- -jvmArgs "-XX:+UseParallelGC" for the forks). The script itself sets -p threads/impl/shape, -t, -rf, -rff and
# -jvmArgsPrepend: don't repeat those (JMH rejects an option given twice).
#
# Full run (defaults): 165 JMH trials of 2 forks x (3 x 1 s warm-up + 3 x 1 s measured), about 40 minutes on a
# 2-core machine. Run it on a quiet machine: anything else running skews every number, and starves the JIT
# compiler threads that lanes' Vector API code needs during warm-up (interpreted, it runs ~1000x slower).
set -euo pipefail

ORIGINAL_ARGS=("$@")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ALL_SHAPES=64,128,256,512,1024,2048,l1-fwd,l1-bp4,l1-bp2,l2-fwd,l2-bp4,l2-bp2,l3-fwd,l3-bp4,l3-bp2
SCALAR_SHAPES=64,128,256,512,l1-fwd,l1-bp4,l1-bp2,l2-fwd,l2-bp4,l2-bp2,l3-fwd,l3-bp4,l3-bp2
ALL_IMPLS=lanes,scalar,ejml,ojalgo,javablas,vectorblas,openblas
SINGLE_THREADED=scalar,javablas,vectorblas

quick=0
threads_list="1 2"
shapes=$ALL_SHAPES
impls=$ALL_IMPLS
results=bench/results
peak=1
build=1
jmh_extra=()

die() {
    echo "run-gemm.sh: $*" >&2
    exit 1
}

while (($#)); do
    case "$1" in
        --quick) quick=1 ;;
        --threads) threads_list=${2:?--threads needs a value}; shift ;;
        --shapes) shapes=${2:?--shapes needs a value}; shift ;;
        --impls) impls=${2:?--impls needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-peak) peak=0 ;;
        --no-build) build=0 ;;
        --) shift; jmh_extra=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done

# Comma lists: the items of $1 that are also in $2, in $1's order.
intersect() {
    local item out=()
    IFS=, read -ra items <<<"$1"
    for item in "${items[@]}"; do
        [[ ",$2," == *",$item,"* ]] && out+=("$item")
    done
    (IFS=,; echo "${out[*]}")
}

# Comma lists: the items of $1 that are not in $2.
without() {
    local item out=()
    IFS=, read -ra items <<<"$1"
    for item in "${items[@]}"; do
        [[ ",$2," == *",$item,"* ]] || out+=("$item")
    done
    (IFS=,; echo "${out[*]}")
}

for item in ${shapes//,/ }; do
    [[ ",$ALL_SHAPES," == *",$item,"* ]] || die "unknown shape '$item'; known: $ALL_SHAPES"
done
for item in ${impls//,/ }; do
    [[ ",$ALL_IMPLS," == *",$item,"* ]] || die "unknown implementation '$item'; known: $ALL_IMPLS"
done

# JDK 25 (JAVA_HOME, JAVA, PATH).
source "$ROOT/bench/jdk25.sh"

# OpenBLAS must pick its own kernels: OPENBLAS_CORETYPE=Haswell (and a small L2 hint) hold it to AVX2 at about
# half its AVX-512 speed, and the comparison is against the strongest native code. Its thread count is set per
# run below.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS GOTO_NUM_THREADS OMP_NUM_THREADS

# Always (re)built from this checkout, kernels included (-am): an existing jar, or a lanes-kernels jar in ~/.m2,
# may come from another branch. Incremental: seconds when nothing changed.
JAR=bench/target/benchmarks.jar
if ((build)); then
    echo "run-gemm.sh: building $JAR"
    ./mvnw -q -pl bench -am package -DskipTests
fi
[[ -f "$JAR" ]] || die "no $JAR: run without --no-build"

# The iteration plan, unless the JMH options after -- give their own.
has_jmh_option() {
    local arg
    for arg in "${jmh_extra[@]}"; do
        [[ "$arg" == "$1" ]] && return 0
    done
    return 1
}
if ((quick)); then
    plan=(-f 1 -wi 2 -w 500ms -i 2 -r 500ms)
else
    plan=(-f 2 -wi 3 -w 1s -i 3 -r 1s)
fi
timing=()
for ((i = 0; i < ${#plan[@]}; i += 2)); do
    has_jmh_option "${plan[i]}" || timing+=("${plan[i]}" "${plan[i + 1]}")
done

mkdir -p "$results"
# Words as a shell would need them typed: plain when safe, else quoted.
quoted() {
    local word
    for word in "$@"; do
        if [[ "$word" =~ ^[A-Za-z0-9_./=,:@+%-]+$ ]]; then
            printf '%s ' "$word"
        else
            printf '%q ' "$word"
        fi
    done
}
command_line="bench/run-gemm.sh"
if ((${#ORIGINAL_ARGS[@]})); then
    command_line+=" $(quoted "${ORIGINAL_ARGS[@]}")"
    command_line=${command_line% }
fi
runs=() # each: the quoted words threads, label, JMH arguments...
add_run() { runs+=("$(quoted "$@")"); }

for t in $threads_list; do
    [[ "$t" =~ ^[1-9][0-9]*$ ]] || die "--threads takes positive counts, not '$t'"
    run_impls=$(intersect "$impls" "$(without "$ALL_IMPLS" scalar)")
    ((t > 1)) && run_impls=$(without "$run_impls" "$SINGLE_THREADED")
    if [[ -n "$run_impls" && -n "$shapes" ]]; then
        add_run "$t" "gemm-${t}t" dev.lanes.bench.gemm.GemmBench.sgemm -p "threads=$t" -p "impl=$run_impls" \
            -p "shape=$shapes" -jvmArgsPrepend "-Dlanes.threads=$t"
    fi
    scalar_shapes=$(intersect "$shapes" "$SCALAR_SHAPES")
    if ((t == 1)) && [[ ",$impls," == *",scalar,"* && -n "$scalar_shapes" ]]; then
        add_run "$t" "scalar-${t}t" dev.lanes.bench.gemm.ScalarGemmBench.sgemm -p "shape=$scalar_shapes"
    fi
    if ((peak)); then
        add_run "$t" "fma-${t}t" dev.lanes.bench.gemm.FmaPeakBench.fma -t "$t"
    fi
done
((${#runs[@]})) || die "nothing to run for --threads '$threads_list' --shapes '$shapes' --impls '$impls'"

# Describe the machine and the commands before the first fork starts.
jmh_commands=()
for run in "${runs[@]}"; do
    eval "args=($run)"
    t=${args[0]}
    label=${args[1]}
    jmh_commands+=(--jmh "OPENBLAS_NUM_THREADS=$t java -jar $JAR $(quoted "${args[@]:2}" "${timing[@]}" "${jmh_extra[@]}")-rf json -rff $results/$label.json")
done
"$JAVA" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$JAR" \
    dev.lanes.bench.report.RunInfo --out "$results/gemm-run.properties" --command "$command_line" \
    "${jmh_commands[@]}" 2> >(grep -v 'Using incubator modules' >&2)

failed=()
started=$(date +%s)
for run in "${runs[@]}"; do
    eval "args=($run)"
    t=${args[0]}
    label=${args[1]}
    echo "run-gemm.sh: $label (OPENBLAS_NUM_THREADS=$t)"
    OPENBLAS_NUM_THREADS=$t "$JAVA" -jar "$JAR" "${args[@]:2}" "${timing[@]}" "${jmh_extra[@]}" \
        -rf json -rff "$results/$label.json" 2>&1 | tee "$results/$label.log"
    # JMH carries on past a benchmark that failed (a wrong result in GemmCheck, say): collect them.
    if grep -q '<failure>' "$results/$label.log"; then
        failed+=("$label")
    fi
done
elapsed=$(($(date +%s) - started))
echo "run-gemm.sh: benchmarks took $((elapsed / 60)) min $((elapsed % 60)) s"

"$JAVA" -cp "$JAR" dev.lanes.bench.report.GemmReport --results "$results"

if ((${#failed[@]})); then
    die "benchmarks failed in: ${failed[*]} (see <failure> in $results/<name>.log); their cells are missing"
fi
