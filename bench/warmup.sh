#!/usr/bin/env bash
# Warm-up: the whole `lanes train` command against PyTorch's whole script, interpreter start and
# import included, on recipe 1 of bench/compare-pytorch.sh (784-256-128-10 ReLU, SGD lr 0.1, batch 128, 5 epochs,
# seed 1, Fashion-MNIST), runs of each configuration interleaved. Prints (and writes to RESULTS/warmup.md) per
# configuration the medians of: wall time, where it goes (JVM or interpreter start to the first line, data
# loading, epoch 1, the other epochs, saving and exit), the median epoch and epoch 1 / median; every run's log
# and timeline next to it.
#
# Usage: bench/warmup.sh [options]
#   --reps N           runs of each configuration (default 5)
#   --threads N        kernel threads of lanes and OpenBLAS threads of PyTorch, which has 1 intra-op thread (its
#                      faster 2-thread setting in compare-pytorch.sh) (default 1)
#   --config NAME=OPTS also run `java OPTS -jar cli/target/lanes.jar train ...` as configuration NAME (repeatable;
#                      OPTS are JVM options, e.g. --config "g1=-XX:+UseG1GC")
#   --data DIR         Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
#   --results DIR      output directory (default bench/results/warmup)
#   --no-torch         lanes only
#   --no-build         use cli/target/lanes.jar as it is
#
# Configurations: "./lanes" is the launcher as a user runs it (its JVM options and the warm-up on); "java -jar" is
# what bench/compare-pytorch.sh runs (no launcher options, warm-up on); "java -jar, no warm-up" adds
# -Dlanes.warmup=false, the state before the warm-up existed. Wall time is from fork to exit as `date` sees it; the timeline
# stamps each output line as it arrives (bash's EPOCHREALTIME), so "start" is JVM start, class loading, picocli
# and the kernels' set-up (the "kernels:" line; PyTorch: its "runtime:" line, after import torch and the data).
# Time it under /work/tools/cpu-exclusive or on an otherwise idle machine: about 25 s per repetition.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

reps=5
threads=1
data=/usr/share/datasets/fashion-mnist
results=bench/results/warmup
torch=1
build=1
extra=()

die() {
    echo "warmup.sh: $*" >&2
    exit 1
}

while (($#)); do
    case "$1" in
        --reps) reps=${2:?--reps needs a value}; shift ;;
        --threads) threads=${2:?--threads needs a value}; shift ;;
        --config) extra+=("${2:?--config needs NAME=OPTS}"); shift ;;
        --data) data=${2:?--data needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-torch) torch=0 ;;
        --no-build) build=0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "--reps takes a positive integer, not '$reps'"
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || die "--threads takes a positive integer, not '$threads'"
[[ -d "$data" ]] || die "no data directory $data (Debian: apt-get install dataset-fashion-mnist)"
for c in "${extra[@]}"; do
    [[ "$c" == ?*=* ]] || die "--config takes NAME=OPTS, not '$c'"
done

source "$ROOT/bench/jdk25.sh"
# OpenBLAS picks its own kernels for the CPU (see compare-pytorch.sh); thread counts are set per run.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS GOTO_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS
PYTHON=${PYTHON:-/usr/bin/python3}
export PYTHONDONTWRITEBYTECODE=1
if ((torch)) && ! { [[ -x "$PYTHON" ]] && "$PYTHON" -c 'import torch' 2>/dev/null; }; then
    echo "warmup.sh: PyTorch not found ($PYTHON -c 'import torch' failed): lanes only" >&2
    torch=0
fi

JAR=cli/target/lanes.jar
if ((build)); then
    echo "warmup.sh: building $JAR"
    ./mvnw -q -pl cli -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
fi
[[ -f "$JAR" ]] || die "no $JAR: run without --no-build"
mkdir -p "$results"

recipe=(--data "$data" --hidden 256,128 --epochs 5 --batch 128 --lr 0.1 --optimizer sgd --seed 1 --threads "$threads")
names=("./lanes" "java -jar" "java -jar, no warm-up")
for c in "${extra[@]}"; do
    names+=("${c%%=*}")
done
((torch)) && names+=("PyTorch")

# The command of configuration $1, output to $2 (the model file, for lanes).
run_config() {
    local name=$1 model=$2
    case "$name" in
        "./lanes") LANES_JAVA_OPTS= ./lanes train "${recipe[@]}" --activation relu --no-progress --out "$model" ;;
        "java -jar") "$JAVA" --add-modules jdk.incubator.vector -jar "$JAR" train "${recipe[@]}" --activation relu \
            --no-progress --out "$model" ;;
        "java -jar, no warm-up") "$JAVA" --add-modules jdk.incubator.vector -Dlanes.warmup=false -jar "$JAR" train \
            "${recipe[@]}" --activation relu --no-progress --out "$model" ;;
        "PyTorch") # its faster 2-thread setting in compare-pytorch.sh: 1 intra-op thread, OpenBLAS at $threads
            OPENBLAS_NUM_THREADS=$threads "$PYTHON" -u bench/pytorch/train_fashion.py "${recipe[@]:0:$((${#recipe[@]} - 1))}" 1 ;;
        *)
            local c opts=
            for c in "${extra[@]}"; do
                [[ "${c%%=*}" == "$name" ]] && opts=${c#*=}
            done
            # shellcheck disable=SC2086 # OPTS are split into JVM options on purpose
            "$JAVA" --add-modules jdk.incubator.vector $opts -jar "$JAR" train "${recipe[@]}" --activation relu \
                --no-progress --out "$model"
            ;;
    esac
}

# Each output line prefixed by the seconds since $1 (an EPOCHREALTIME), without a process per line.
micros() { local t=${1/./}; echo $((10#$t)); }
stamp() {
    local t0 line us
    t0=$(micros "$1")
    while IFS= read -r line; do
        us=$(($(micros "$EPOCHREALTIME") - t0))
        printf '%d.%06d %s\n' $((us / 1000000)) $((us % 1000000)) "$line"
    done
}

slug() { tr -c 'A-Za-z0-9\n' '-' <<<"$1" | tr -s '-' | sed 's/^-//; s/-$//'; }

# Per run: wall start data epoch1 rest end median accuracy (seconds; "-" where a line is missing).
declare -A ROWS
for ((i = 1; i <= reps; i++)); do
    for name in "${names[@]}"; do
        log="$results/$(slug "$name")-$i.log"
        echo "warmup.sh: run $i/$reps: $name"
        t0=$EPOCHREALTIME
        { run_config "$name" "$results/$(slug "$name").lnn" 2>&1; echo "exit $?"; } | stamp "$t0" >"$log"
        t1=$EPOCHREALTIME
        grep -q ' exit 0$' "$log" || die "$name failed: see $log"
        ROWS[$name]+=$(awk -v wall="$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')" '
            / (kernels|runtime): / && !s { s = $1 }
            / train: / { d = $1 }
            / epoch +1 / { e1 = $1 }
            / epoch +[0-9]+ / { last = $1 }
            / epoch_seconds_median=/ { sub(/.*=/, "", $2); med = $2 }
            / test_accuracy=/ { sub(/.*=/, "", $2); acc = $2 }
            END { printf "%.3f %.3f %.3f %.3f %.3f %.3f %s %s\n", wall, s, d - s, e1 - d, last - e1, wall - last, med, acc }
        ' "$log")$'\n'
    done
done

median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }
col() { printf '%s' "${ROWS[$1]}" | awk -v c="$2" 'NF { print $c }'; }

summary="$results/warmup.md"
{
    echo "# Warm-up: the whole lanes train command against PyTorch's whole script ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; JDK: $("$JAVA" -version 2>&1 | head -1)"
    echo "- recipe 1 (SGD lr 0.1, batch 128, 5 epochs, seed 1), $threads thread(s); $reps runs of each, interleaved;" \
        "medians (wall: min-max); logs in $results/"
    echo "- start: to the first line (lanes: \"kernels:\"; PyTorch: \"runtime:\", after import torch and the data);" \
        "data: then to the \"train:\" line; epoch 1: its line; epochs 2+: to the last epoch's line; end: to exit"
    echo
    echo "| configuration | wall s | start | data | epoch 1 (line) | epochs 2+ | end | median epoch s | epoch 1 / median | test acc |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for name in "${names[@]}"; do
        wall=$(col "$name" 1 | median)
        first=$(awk -v n="$name" '$0 ~ "^[0-9.]+ epoch +1 " { print $(NF - 1) }' "$results/$(slug "$name")"-*.log | median)
        med=$(col "$name" 7 | median)
        echo "| $name | $wall ($(col "$name" 1 | range)) | $(col "$name" 2 | median) | $(col "$name" 3 | median) |" \
            "$(col "$name" 4 | median) | $(col "$name" 5 | median) | $(col "$name" 6 | median) | $med |" \
            "$(awk -v a="$first" -v b="$med" 'BEGIN { printf "%.2f", a / b }') ($first s) |" \
            "$(col "$name" 8 | sort -u | tr '\n' ' ')|"
    done
} >"$summary"
cat "$summary"
