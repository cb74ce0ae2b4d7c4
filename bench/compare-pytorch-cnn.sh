#!/usr/bin/env bash
# The CNN comparison: lanes against PyTorch on Fashion-MNIST, same network, same recipe, same machine.
# Prints (and writes to RESULTS/compare-pytorch-cnn.md) epoch times, test accuracies and their ratios, with every
# run's log next to it.
#
# Usage: bench/compare-pytorch-cnn.sh [options]
#   --seeds "1 2 3"    seeds to train each configuration with (default "1"): times are the median over seeds,
#                      accuracies the mean
#   --data DIR         Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
#   --results DIR      output directory (default bench/results/pytorch-cnn)
#   --no-build         use cli/target/lanes.jar as it is
#
# Recipe: conv 16 5x5 relu, maxpool 2, conv 32 5x5 relu, maxpool 2, dense 10 (softmax cross-entropy), SGD
#   momentum 0.9 lr 0.05, batch 128, 2 epochs, the training set reshuffled every epoch. lanes through its command
#   line (the ./lanes launcher, with its JVM options), exactly as documented in docs/benchmarks.md:
#     lanes train --data DIR --layers conv:16:5:relu,maxpool:2,conv:32:5:relu,maxpool:2,dense:10 \
#         --optimizer momentum --lr 0.05 --epochs 2 --batch 128 --threads T
#   (plus --seed, --no-progress and --out); PyTorch through bench/pytorch/train_fashion_cnn.py (Conv2d(1,16,5)-
#   ReLU-MaxPool(2)-Conv2d(16,32,5)-ReLU-MaxPool(2)-Flatten-Linear(512,10), PyTorch default init). At 1 thread,
#   and at 2 threads with PyTorch in both 2-thread settings (2 intra-op threads + OpenBLAS 1, intra-op 1 +
#   OpenBLAS 2): the faster of the two is the one compared.
#
# Epoch time = the median over the 2 epochs of each epoch's training loop as both programs report it, i.e. their
# mean: lanes' first epoch includes its JIT warm-up, PyTorch's its allocator warm-up. The "epoch 1" and "epoch 2"
# columns show both. About 1.5 minutes per seed on a 2-core machine. Run it alone (bench timings:
# /work/tools/cpu-exclusive on the project's shared machines).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

seeds="1"
data=/usr/share/datasets/fashion-mnist
results=bench/results/pytorch-cnn
build=1
layers=conv:16:5:relu,maxpool:2,conv:32:5:relu,maxpool:2,dense:10

die() {
    echo "compare-pytorch-cnn.sh: $*" >&2
    exit 1
}

while (($#)); do
    case "$1" in
        --seeds) seeds=${2:?--seeds needs a value}; shift ;;
        --data) data=${2:?--data needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-build) build=0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
for s in $seeds; do
    [[ "$s" =~ ^[0-9]+$ ]] || die "--seeds takes non-negative integers, not '$s'"
done
[[ -n "${seeds// /}" ]] || die "--seeds is empty"
[[ -d "$data" ]] || die "no data directory $data (Debian: apt-get install dataset-fashion-mnist)"

# JDK 25 (JAVA_HOME, JAVA, PATH).
source "$ROOT/bench/jdk25.sh"

# OpenBLAS must pick its own kernels (OPENBLAS_CORETYPE=Haswell and a small L2 hint halve it); thread counts are
# set per run below, never inherited.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS GOTO_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS

PYTHON=${PYTHON:-/usr/bin/python3}
export PYTHONDONTWRITEBYTECODE=1
torch=0
if [[ -x "$PYTHON" ]] && "$PYTHON" -c 'import torch' 2>/dev/null; then
    torch=1
else
    echo "compare-pytorch-cnn.sh: PyTorch not found ($PYTHON -c 'import torch' failed; Debian: apt-get install" \
        "python3-torch): lanes only" >&2
fi

LANES_JAR=cli/target/lanes.jar
if ((build)); then
    echo "compare-pytorch-cnn.sh: building $LANES_JAR"
    ./mvnw -q -pl cli -am package -DskipTests
fi
[[ -f "$LANES_JAR" ]] || die "no $LANES_JAR: run without --no-build"

mkdir -p "$results"
summary="$results/compare-pytorch-cnn.md"
started=$(date +%s)

# ---- runs ---------------------------------------------------------------------------------------------------

# Per run, from its log: the median epoch seconds, the test accuracy, the first and the second epoch's seconds.
declare -A MEDIAN ACCURACY FIRST SECOND
record() { # label log
    local label=$1 log=$2
    MEDIAN[$label]=$(sed -n 's/^epoch_seconds_median=//p' "$log")
    ACCURACY[$label]=$(sed -n 's/^test_accuracy=//p' "$log")
    FIRST[$label]=$(awk '/^epoch +1 / { print $(NF - 1); exit }' "$log")
    SECOND[$label]=$(awk '/^epoch +2 / { print $(NF - 1); exit }' "$log")
    [[ -n "${MEDIAN[$label]}" && -n "${ACCURACY[$label]}" ]] || die "$label: no result in $log (see it)"
}

median_of() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs one configuration for every seed; its label then holds the median times and the mean accuracy over seeds.
# run LABEL KIND THREADS BLAS_THREADS   (KIND lanes|torch; BLAS_THREADS for torch only)
run() {
    local label=$1 kind=$2 threads=$3 blas=$4 seed log
    local medians=() accuracies=() firsts=() seconds=()
    for seed in $seeds; do
        log="$results/$label-seed$seed.log"
        if [[ $kind == lanes ]]; then
            echo "compare-pytorch-cnn.sh: $label seed $seed: lanes, $threads thread(s)"
            JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./lanes train --data "$data" --layers "$layers" \
                --optimizer momentum --lr 0.05 --epochs 2 --batch 128 --threads "$threads" --seed "$seed" \
                --no-progress --out "$results/$label-seed$seed.lnn" >"$log" 2>&1 || die "$label failed: see $log"
        else
            echo "compare-pytorch-cnn.sh: $label seed $seed: PyTorch, $threads intra-op thread(s)," \
                "OPENBLAS_NUM_THREADS=$blas"
            OPENBLAS_NUM_THREADS=$blas "$PYTHON" bench/pytorch/train_fashion_cnn.py --data "$data" \
                --optimizer momentum --lr 0.05 --epochs 2 --batch 128 --seed "$seed" --threads "$threads" \
                >"$log" 2>&1 || die "$label failed: see $log"
        fi
        record "$label-seed$seed" "$log"
        medians+=("${MEDIAN[$label-seed$seed]}")
        accuracies+=("${ACCURACY[$label-seed$seed]}")
        firsts+=("${FIRST[$label-seed$seed]}")
        seconds+=("${SECOND[$label-seed$seed]}")
    done
    MEDIAN[$label]=$(median_of "${medians[@]}")
    ACCURACY[$label]=$(printf '%s\n' "${accuracies[@]}" | awk '{ s += $1 } END { printf "%.4f", s / NR }')
    FIRST[$label]=$(median_of "${firsts[@]}")
    SECOND[$label]=$(median_of "${seconds[@]}")
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'
}

run lanes-1t lanes 1 -
run lanes-2t lanes 2 -
if ((torch)); then
    run torch-1t torch 1 1
    run torch-2t-intra torch 2 1
    run torch-2t-blas torch 1 2
    best2=$(awk -v a="${MEDIAN[torch-2t-intra]}" -v b="${MEDIAN[torch-2t-blas]}" \
        'BEGIN { print (a + 0 <= b + 0) ? "torch-2t-intra" : "torch-2t-blas" }')
fi
elapsed=$(($(date +%s) - started))

# ---- summary ------------------------------------------------------------------------------------------------

read -ra seed_list <<<"$seeds"
first_seed=${seed_list[0]}
setting_of() {
    case "$1" in
        torch-1t) echo "torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1" ;;
        torch-2t-intra) echo "torch.set_num_threads(2), OPENBLAS_NUM_THREADS=1" ;;
        torch-2t-blas) echo "torch.set_num_threads(1), OPENBLAS_NUM_THREADS=2" ;;
    esac
}
{
    echo "# lanes vs PyTorch, CNN on Fashion-MNIST ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores," \
        "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- JDK: $("$JAVA" -version 2>&1 | head -1); lanes: $(sed -n 's/^kernels: *//p' \
        "$results/lanes-1t-seed$first_seed.log")"
    if ((torch)); then
        echo "- PyTorch: $(sed -n 's/^runtime: *//p' "$results/torch-1t-seed$first_seed.log")"
    fi
    echo "- network: --layers $layers; momentum 0.9, lr 0.05, batch 128, 2 epochs"
    echo "- seeds: $seeds; took $((elapsed / 60)) min $((elapsed % 60)) s; logs in $results/"
    echo
    echo "| threads | lanes s/epoch | PyTorch s/epoch | lanes/PyTorch (target ≤ 0.6) | lanes acc | PyTorch acc |" \
        "epoch 1 lanes / PyTorch | epoch 2 lanes / PyTorch | PyTorch setting |"
    echo "|---|---|---|---|---|---|---|---|---|"
    row() { # threads lanes-label torch-label
        local t=${3:-}
        if [[ -n "$t" ]]; then
            echo "| $1 | ${MEDIAN[$2]} | ${MEDIAN[$t]} | $(ratio "${MEDIAN[$2]}" "${MEDIAN[$t]}") |" \
                "${ACCURACY[$2]} | ${ACCURACY[$t]} | ${FIRST[$2]} / ${FIRST[$t]} | ${SECOND[$2]} / ${SECOND[$t]} |" \
                "$(setting_of "$t") |"
        else
            echo "| $1 | ${MEDIAN[$2]} | - | - | ${ACCURACY[$2]} | - | ${FIRST[$2]} / - | ${SECOND[$2]} / - | - |"
        fi
    }
    row 1 lanes-1t "$( ((torch)) && echo torch-1t)"
    row 2 lanes-2t "$( ((torch)) && echo "$best2")"
    if ((torch)); then
        echo
        echo "PyTorch at 2 threads, every setting (s/epoch, accuracy):"
        echo
        for label in torch-2t-intra torch-2t-blas; do
            echo "- $(setting_of "$label"): ${MEDIAN[$label]} s, ${ACCURACY[$label]}$([[ $label == "$best2" ]] \
                && echo ' (compared)')"
        done
    fi
} >"$summary"
cat "$summary"
