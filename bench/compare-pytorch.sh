#!/usr/bin/env bash
# The training and inference comparison: lanes against PyTorch on Fashion-MNIST, same recipe, same
# machine. Prints (and writes to RESULTS/compare-pytorch.md) epoch times, test accuracies and their ratios, with
# every run's log next to it.
#
# Usage: bench/compare-pytorch.sh [options]
#   --quick            recipe 1 only (SGD, 5 epochs) and inference; no momentum/Adam, no oversubscribed run
#   --seeds "1 2 3"    seeds to train each configuration with (default "1"): times are the median over seeds,
#                      accuracies the mean
#   --data DIR         Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
#   --results DIR      output directory (default bench/results/pytorch)
#   --no-oversubscribed  skip the PyTorch run with 2 intra-op threads AND 2 OpenBLAS threads
#   --no-inference     skip the inference comparison
#   --no-build         use cli/target/lanes.jar and bench/target/benchmarks.jar as they are
#
# Recipe 1: 784-256-128-10 ReLU, softmax cross-entropy, SGD lr 0.1, batch 128, 5 epochs, seed 1, the training
#   set reshuffled every epoch; lanes through its launcher (`./lanes train`, with its JVM options), PyTorch through
#   bench/pytorch/train_fashion.py. At 1 thread, and at 2 threads with PyTorch in each 2-thread setting:
#   OpenBLAS 2 threads + 1 intra-op thread, OpenBLAS 1 + intra-op 2 (the faster of the two is the one compared),
#   and both at 2 (oversubscribes 2 cores; shown, not compared).
# Recipe 2: the same with SGD momentum 0.9 lr 0.01 and with Adam lr 0.001, 10 epochs.
# Inference (1 thread): batch-1000 images/s and batch-1 latency; lanes through JMH (InferenceBench),
#   PyTorch through bench/pytorch/infer_fashion.py (best of eager, TorchScript and optimize_for_inference).
#
# Epoch time = the median over epochs of each epoch's training loop, as both programs report it (lanes' first
# epoch includes the JIT warm-up, which the median leaves out; the "epoch 1" column shows it).
# About 3.5 minutes with the defaults on a 2-core machine (--quick: about 2, --seeds "1 2 3": about 10).
# PyTorch is the python3-torch of /usr/bin/python3 (or of $PYTHON); without it only lanes runs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

quick=0
seeds="1"
data=/usr/share/datasets/fashion-mnist
results=bench/results/pytorch
oversubscribed=1
inference=1
build=1

die() {
    echo "compare-pytorch.sh: $*" >&2
    exit 1
}

while (($#)); do
    case "$1" in
        --quick) quick=1; oversubscribed=0 ;;
        --seeds) seeds=${2:?--seeds needs a value}; shift ;;
        --data) data=${2:?--data needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-oversubscribed) oversubscribed=0 ;;
        --no-inference) inference=0 ;;
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

# OpenBLAS must pick its own kernels: OPENBLAS_CORETYPE=Haswell (and a small L2 hint) hold it to AVX2 at about
# half its AVX-512 speed. Thread counts are set per run below, never inherited.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS GOTO_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS

# The Debian PyTorch is a python3-torch of the system interpreter, not of a python3 earlier on the PATH.
PYTHON=${PYTHON:-/usr/bin/python3}
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ next to the scripts
torch=0
if [[ -x "$PYTHON" ]] && "$PYTHON" -c 'import torch' 2>/dev/null; then
    torch=1
else
    echo "compare-pytorch.sh: PyTorch not found ($PYTHON -c 'import torch' failed; Debian: apt-get install" \
        "python3-torch): lanes only" >&2
fi

LANES_JAR=cli/target/lanes.jar
BENCH_JAR=bench/target/benchmarks.jar
if ((build)); then
    echo "compare-pytorch.sh: building $LANES_JAR and $BENCH_JAR"
    ./mvnw -q -pl cli,bench -am package -DskipTests
fi
[[ -f "$LANES_JAR" ]] || die "no $LANES_JAR: run without --no-build"
((inference == 0)) || [[ -f "$BENCH_JAR" ]] || die "no $BENCH_JAR: run without --no-build"

mkdir -p "$results"
summary="$results/compare-pytorch.md"
started=$(date +%s)

# ---- runs ---------------------------------------------------------------------------------------------------

# Per run, from its log: the median epoch seconds, the test accuracy and the first epoch's seconds.
declare -A MEDIAN ACCURACY FIRST
record() { # label log
    local label=$1 log=$2
    MEDIAN[$label]=$(sed -n 's/^epoch_seconds_median=//p' "$log")
    ACCURACY[$label]=$(sed -n 's/^test_accuracy=//p' "$log")
    FIRST[$label]=$(awk '/^epoch +1 / { print $(NF - 1); exit }' "$log")
    [[ -n "${MEDIAN[$label]}" && -n "${ACCURACY[$label]}" ]] || die "$label: no result in $log (see it)"
}

# Runs one configuration for every seed; its label then holds the median time and mean accuracy over seeds.
# run LABEL KIND THREADS BLAS_THREADS OPTIMIZER LR EPOCHS   (KIND lanes|torch; BLAS_THREADS for torch only)
run() {
    local label=$1 kind=$2 threads=$3 blas=$4 opt=$5 lr=$6 epochs=$7 seed log
    local medians=() accuracies=() firsts=()
    for seed in $seeds; do
        log="$results/$label-seed$seed.log"
        if [[ $kind == lanes ]]; then
            echo "compare-pytorch.sh: $label seed $seed: lanes, $threads thread(s)"
            JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./lanes train --data "$data" --hidden 256,128 \
                --activation relu --epochs "$epochs" --batch 128 --lr "$lr" --optimizer "$opt" --seed "$seed" \
                --threads "$threads" --no-progress --out "$results/$label-seed$seed.lnn" >"$log" 2>&1 \
                || die "$label failed: see $log"
        else
            echo "compare-pytorch.sh: $label seed $seed: PyTorch, $threads intra-op thread(s)," \
                "OPENBLAS_NUM_THREADS=$blas"
            OPENBLAS_NUM_THREADS=$blas "$PYTHON" bench/pytorch/train_fashion.py --data "$data" --hidden 256,128 \
                --epochs "$epochs" --batch 128 --lr "$lr" --optimizer "$opt" --seed "$seed" --threads "$threads" \
                >"$log" 2>&1 || die "$label failed: see $log"
        fi
        record "$label-seed$seed" "$log"
        medians+=("${MEDIAN[$label-seed$seed]}")
        accuracies+=("${ACCURACY[$label-seed$seed]}")
        firsts+=("${FIRST[$label-seed$seed]}")
    done
    MEDIAN[$label]=$(printf '%s\n' "${medians[@]}" | sort -g | awk '{ v[NR] = $1 } END {
        printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    ACCURACY[$label]=$(printf '%s\n' "${accuracies[@]}" | awk '{ s += $1 } END { printf "%.4f", s / NR }')
    FIRST[$label]=$(printf '%s\n' "${firsts[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }')
}

# The faster of two PyTorch 2-thread settings: prints its label.
faster() {
    awk -v a="${MEDIAN[$1]}" -v b="${MEDIAN[$2]}" -v la="$1" -v lb="$2" 'BEGIN { print (a + 0 <= b + 0) ? la : lb }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'
}

# Recipe 1: SGD.
run lanes-sgd-1t lanes 1 - sgd 0.1 5
run lanes-sgd-2t lanes 2 - sgd 0.1 5
if ((torch)); then
    run torch-sgd-1t torch 1 1 sgd 0.1 5
    run torch-sgd-2t-blas torch 1 2 sgd 0.1 5
    run torch-sgd-2t-intra torch 2 1 sgd 0.1 5
    if ((oversubscribed)); then
        run torch-sgd-2t-both torch 2 2 sgd 0.1 5
    fi
    best2=$(faster torch-sgd-2t-blas torch-sgd-2t-intra)
fi

# Recipe 2: momentum and Adam, 10 epochs, PyTorch at 2 threads in the setting that won recipe 1.
optimizers=()
((quick)) || optimizers=("momentum 0.01" "adam 0.001")
for entry in "${optimizers[@]}"; do
    read -r opt lr <<<"$entry"
    run "lanes-$opt-1t" lanes 1 - "$opt" "$lr" 10
    run "lanes-$opt-2t" lanes 2 - "$opt" "$lr" 10
    if ((torch)); then
        run "torch-$opt-1t" torch 1 1 "$opt" "$lr" 10
        if [[ $best2 == torch-sgd-2t-blas ]]; then
            run "torch-$opt-2t" torch 1 2 "$opt" "$lr" 10
        else
            run "torch-$opt-2t" torch 2 1 "$opt" "$lr" 10
        fi
    fi
done

# Inference at 1 thread.
if ((inference)); then
    echo "compare-pytorch.sh: lanes inference (JMH InferenceBench, 1 thread)"
    "$JAVA" -jar "$BENCH_JAR" 'dev.lanes.bench.nn.InferenceBench' -p threads=1 -p "data=$data" -f 1 -wi 5 -w 1s \
        -i 5 -r 1s -rf json -rff "$results/lanes-inference.json" >"$results/lanes-inference.log" 2>&1 \
        || die "lanes inference failed: see $results/lanes-inference.log"
    # JMH's summary lines: "InferenceBench.batch1000Throughput  <data>  1  thrpt  5  <score>  ±  <error>  ops/s"
    lanes_images=$(awk '$1 == "InferenceBench.batch1000Throughput" { print $(NF - 3) }' "$results/lanes-inference.log")
    lanes_latency=$(awk '$1 == "InferenceBench.batch1Latency" { print $(NF - 3) }' "$results/lanes-inference.log")
    [[ -n "$lanes_images" && -n "$lanes_latency" ]] || die "no InferenceBench scores in $results/lanes-inference.log"
    if ((torch)); then
        echo "compare-pytorch.sh: PyTorch inference (1 intra-op thread, OPENBLAS_NUM_THREADS=1)"
        OPENBLAS_NUM_THREADS=1 "$PYTHON" bench/pytorch/infer_fashion.py --data "$data" --threads 1 \
            >"$results/torch-inference.log" 2>&1 || die "PyTorch inference failed: see $results/torch-inference.log"
        torch_images=$(sed -n 's/^batch1000_images_per_second=//p' "$results/torch-inference.log")
        torch_latency=$(sed -n 's/^batch1_microseconds=//p' "$results/torch-inference.log")
    fi
fi
elapsed=$(($(date +%s) - started))

# ---- summary ------------------------------------------------------------------------------------------------

read -ra seed_list <<<"$seeds"
first_seed=${seed_list[0]}
{
    echo "# lanes vs PyTorch on Fashion-MNIST ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores," \
        "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- JDK: $("$JAVA" -version 2>&1 | head -1); lanes: $(sed -n 's/^kernels: *//p' \
        "$results/lanes-sgd-1t-seed$first_seed.log")"
    if ((torch)); then
        echo "- PyTorch (1 thread run): $(sed -n 's/^runtime: *//p' "$results/torch-sgd-1t-seed$first_seed.log")"
        echo "- PyTorch (OPENBLAS_NUM_THREADS=2 run): $(sed -n 's/^runtime: *//p' \
            "$results/torch-sgd-2t-blas-seed$first_seed.log")"
    fi
    echo "- seeds: $seeds; took $((elapsed / 60)) min $((elapsed % 60)) s; logs in $results/"
    echo
    echo "## Training: epoch seconds (median over epochs) and test accuracy after the last epoch"
    echo
    echo "| recipe | threads | lanes s/epoch | PyTorch s/epoch | lanes/PyTorch (target ≤ 0.75) | lanes acc |" \
        "PyTorch acc | epoch 1 lanes / PyTorch | PyTorch setting |"
    echo "|---|---|---|---|---|---|---|---|---|"
    row() { # recipe threads lanes-label torch-label setting
        local t=${4:-}
        if [[ -n "$t" && -n "${MEDIAN[$t]:-}" ]]; then
            echo "| $1 | $2 | ${MEDIAN[$3]} | ${MEDIAN[$t]} | $(ratio "${MEDIAN[$3]}" "${MEDIAN[$t]}") |" \
                "${ACCURACY[$3]} | ${ACCURACY[$t]} | ${FIRST[$3]} / ${FIRST[$t]} | $5 |"
        else
            echo "| $1 | $2 | ${MEDIAN[$3]} | - | - | ${ACCURACY[$3]} | - | ${FIRST[$3]} / - | - |"
        fi
    }
    setting_of() {
        case "$1" in
            *-2t-blas) echo "torch.set_num_threads(1), OPENBLAS_NUM_THREADS=2" ;;
            *-2t-intra) echo "torch.set_num_threads(2), OPENBLAS_NUM_THREADS=1" ;;
        esac
    }
    best_setting=""
    ((torch)) && best_setting=$(setting_of "$best2")
    row "SGD lr 0.1, 5 epochs" 1 lanes-sgd-1t "$( ((torch)) && echo torch-sgd-1t)" "1 and OPENBLAS_NUM_THREADS=1"
    row "SGD lr 0.1, 5 epochs" 2 lanes-sgd-2t "$( ((torch)) && echo "$best2")" "$best_setting"
    for entry in "${optimizers[@]}"; do
        read -r opt lr <<<"$entry"
        row "$opt lr $lr, 10 epochs" 1 "lanes-$opt-1t" "$( ((torch)) && echo "torch-$opt-1t")" \
            "1 and OPENBLAS_NUM_THREADS=1"
        row "$opt lr $lr, 10 epochs" 2 "lanes-$opt-2t" "$( ((torch)) && echo "torch-$opt-2t")" "$best_setting"
    done
    if ((torch)); then
        echo
        echo "PyTorch at 2 threads, SGD recipe, every setting (s/epoch, accuracy):"
        echo
        for label in torch-sgd-2t-blas torch-sgd-2t-intra torch-sgd-2t-both; do
            [[ -n "${MEDIAN[$label]:-}" ]] || continue
            case "$label" in
                *-blas) what="torch.set_num_threads(1), OPENBLAS_NUM_THREADS=2" ;;
                *-intra) what="torch.set_num_threads(2), OPENBLAS_NUM_THREADS=1" ;;
                *-both) what="torch.set_num_threads(2), OPENBLAS_NUM_THREADS=2 (oversubscribed, not compared)" ;;
            esac
            echo "- $what: ${MEDIAN[$label]} s, ${ACCURACY[$label]}$([[ $label == "$best2" ]] && echo ' (compared)')"
        done
    fi
    if ((inference)); then
        echo
        echo "## Inference, 1 thread (probabilities, softmax included)"
        echo
        echo "| | lanes | PyTorch | lanes vs PyTorch | target |"
        echo "|---|---|---|---|---|"
        if ((torch)); then
            echo "| batch 1000, images/s | $(printf '%.0f' "$lanes_images") | $torch_images |" \
                "$(ratio "$lanes_images" "$torch_images")x the images/s | ≥ 1.3x |"
            echo "| batch 1, µs per image | $(printf '%.2f' "$lanes_latency") | $torch_latency |" \
                "$(ratio "$torch_latency" "$lanes_latency")x faster | ≥ 5x |"
            echo
            echo "PyTorch per mode (the best of each column is compared):"
            echo
            sed -n 's/^\(eager\|script\|optimized\) */- \1: /p' "$results/torch-inference.log"
        else
            echo "| batch 1000, images/s | $(printf '%.0f' "$lanes_images") | - | - | ≥ 1.3x |"
            echo "| batch 1, µs per image | $(printf '%.2f' "$lanes_latency") | - | - | ≥ 5x |"
        fi
    fi
} >"$summary"
cat "$summary"
