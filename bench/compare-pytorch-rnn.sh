#!/usr/bin/env bash
# The recurrent comparison: lanes against PyTorch on Fashion-MNIST read row by row (28 steps of 28
# pixels), an LSTM or a GRU of 128 units and a dense layer of 10 on the last step, Adam lr 0.001, batch 128,
# 2 epochs, seed 1, at 1 and 2 threads; and the batch-1 inference latency of the same classifiers at 1 thread.
# Prints (and writes to RESULTS/compare-pytorch-rnn.md) epoch times, test accuracies and their ratios, with every
# run's log next to it. Conventions as bench/compare-pytorch.sh (OpenBLAS picks its own kernels; at 2 threads
# PyTorch runs with 2 intra-op threads and 1 OpenBLAS thread and with 1 and 2, and the faster is compared).
#
# Usage: bench/compare-pytorch-rnn.sh [options]
#   --part all|lanes|torch|latency|summary   which runs (default all; summary: none); the summary is written from every log present in
#                      RESULTS, so the parts can run one after the other (each well under 10 minutes)
#   --cells "lstm gru" cells to compare (default both)
#   --threads "1 2"    thread counts (default both)
#   --data DIR         Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
#   --results DIR      output directory (default bench/results/pytorch-rnn)
#   --no-build         use cli/target/lanes.jar and bench/target/benchmarks.jar as they are
#
# lanes runs the documented command: lanes train --data DIR --sequence rows --layers CELL:128,dense:10 --optimizer
# adam --lr 0.001 --epochs 2 --batch 128 --threads N; PyTorch bench/pytorch/train_fashion_rnn.py (nn.LSTM or
# nn.GRU(28, 128, batch_first=True) + Linear(128, 10) on the last step). Epoch time = the median over the two
# epochs of each epoch's training loop, as both programs report it. Latency: lanes through JMH
# (RecurrentBench.batch1Latency), PyTorch through train_fashion_rnn.py --latency (the faster of eager and
# TorchScript). About 3 minutes for the lanes part, 4 for the PyTorch part and 2 for the latency part on a
# 2-core machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

part=all
cells="lstm gru"
thread_counts="1 2"
data=/usr/share/datasets/fashion-mnist
results=bench/results/pytorch-rnn
build=1

die() {
    echo "compare-pytorch-rnn.sh: $*" >&2
    exit 1
}

while (($#)); do
    case "$1" in
        --part) part=${2:?--part needs a value}; shift ;;
        --cells) cells=${2:?--cells needs a value}; shift ;;
        --threads) thread_counts=${2:?--threads needs a value}; shift ;;
        --data) data=${2:?--data needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-build) build=0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
[[ $part =~ ^(all|lanes|torch|latency|summary)$ ]] || die "--part must be all, lanes, torch, latency or summary, not '$part'"
for c in $cells; do
    [[ $c == lstm || $c == gru ]] || die "--cells takes lstm and gru, not '$c'"
done
for t in $thread_counts; do
    [[ $t == 1 || $t == 2 ]] || die "--threads takes 1 and 2, not '$t'"
done
[[ -d "$data" ]] || die "no data directory $data (Debian: apt-get install dataset-fashion-mnist)"

source "$ROOT/bench/jdk25.sh"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS GOTO_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS
PYTHON=${PYTHON:-/usr/bin/python3}
export PYTHONDONTWRITEBYTECODE=1
torch=0
if [[ -x "$PYTHON" ]] && "$PYTHON" -c 'import torch' 2>/dev/null; then
    torch=1
elif [[ $part == torch ]]; then
    die "PyTorch not found ($PYTHON -c 'import torch' failed; Debian: apt-get install python3-torch)"
fi

LANES_JAR=cli/target/lanes.jar
BENCH_JAR=bench/target/benchmarks.jar
if ((build)) && [[ $part != torch && $part != summary ]]; then
    echo "compare-pytorch-rnn.sh: building $LANES_JAR and $BENCH_JAR"
    ./mvnw -q -pl cli,bench -am package -DskipTests
fi
mkdir -p "$results"

lanes_run() { # cell threads
    local log="$results/lanes-$1-$2t.log"
    echo "compare-pytorch-rnn.sh: lanes $1, $2 thread(s)"
    [[ -f "$LANES_JAR" ]] || die "no $LANES_JAR: run without --no-build"
    JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./lanes train --data "$data" --sequence rows \
        --layers "$1:128,dense:10" --optimizer adam --lr 0.001 --epochs 2 --batch 128 --seed 1 --threads "$2" \
        --no-progress --out "$results/lanes-$1-$2t.lnn" >"$log" 2>&1 || die "lanes $1 $2t failed: see $log"
}

torch_run() { # cell intra-op-threads openblas-threads label
    local log="$results/torch-$1-$4.log"
    echo "compare-pytorch-rnn.sh: PyTorch $1, $2 intra-op thread(s), OPENBLAS_NUM_THREADS=$3"
    OPENBLAS_NUM_THREADS=$3 "$PYTHON" bench/pytorch/train_fashion_rnn.py --data "$data" --cell "$1" --epochs 2 \
        --batch 128 --lr 0.001 --seed 1 --threads "$2" >"$log" 2>&1 || die "PyTorch $1 $4 failed: see $log"
}

for cell in $cells; do
    for t in $thread_counts; do
        if [[ $part == all || $part == lanes ]]; then
            lanes_run "$cell" "$t"
        fi
        if ((torch)) && [[ $part == all || $part == torch ]]; then
            if ((t == 1)); then
                torch_run "$cell" 1 1 1t
            else
                torch_run "$cell" 2 1 2t-intra
                torch_run "$cell" 1 2 2t-blas
            fi
        fi
    done
    if [[ $part == all || $part == latency ]]; then
        echo "compare-pytorch-rnn.sh: lanes $cell batch-1 latency (JMH RecurrentBench.batch1Latency, 1 thread)"
        [[ -f "$BENCH_JAR" ]] || die "no $BENCH_JAR: run without --no-build"
        "$JAVA" -jar "$BENCH_JAR" 'dev.lanes.bench.nn.RecurrentBench.batch1Latency' -p "cell=$cell" -p threads=1 \
            -f 1 -wi 5 -w 1s -i 5 -r 1s >"$results/lanes-$cell-latency.log" 2>&1 \
            || die "lanes latency failed: see $results/lanes-$cell-latency.log"
        if ((torch)); then
            echo "compare-pytorch-rnn.sh: PyTorch $cell batch-1 latency (1 intra-op thread, OPENBLAS_NUM_THREADS=1)"
            OPENBLAS_NUM_THREADS=1 "$PYTHON" bench/pytorch/train_fashion_rnn.py --data "$data" --cell "$cell" \
                --epochs 0 --threads 1 --latency >"$results/torch-$cell-latency.log" 2>&1 \
                || die "PyTorch latency failed: see $results/torch-$cell-latency.log"
        fi
    fi
done

# ---- summary, from every log present ------------------------------------------------------------------------

value() { # key log: the value of the log's last "key=" line, or nothing
    if [[ -f "$2" ]]; then
        sed -n "s/^$1=//p" "$2" | tail -1
    fi
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b + 0 > 0) printf "%.2f", a / b; else print "-" }'
}
diff_points() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "") printf "%+.1f", 100 * (a - b); else print "-" }'
}
summary="$results/compare-pytorch-rnn.md"
{
    echo "# lanes vs PyTorch, recurrent sequence classifiers on Fashion-MNIST rows ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
    any=$(ls "$results"/lanes-*t.log 2>/dev/null | head -1 || true)
    [[ -n "$any" ]] && echo "- lanes: $(sed -n 's/^kernels: *//p' "$any")"
    any=$(ls "$results"/torch-*-1t.log 2>/dev/null | head -1 || true)
    [[ -n "$any" ]] && echo "- PyTorch: $(sed -n 's/^runtime: *//p' "$any")"
    echo "- recipe: CELL:128 (last step) + dense:10, Adam lr 0.001, batch 128, 2 epochs, seed 1; logs in $results/"
    echo
    echo "| cell | threads | lanes s/epoch | PyTorch s/epoch | lanes/PyTorch (target ≤ 0.7) | lanes acc |" \
        "PyTorch acc | difference (points, target ±1) | PyTorch setting |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for cell in lstm gru; do
        for t in 1 2; do
            l="$results/lanes-$cell-${t}t.log"
            [[ -f "$l" ]] || continue
            if ((t == 1)); then
                p="$results/torch-$cell-1t.log"
                setting="1 intra-op, OPENBLAS_NUM_THREADS=1"
            else
                a=$(value epoch_seconds_median "$results/torch-$cell-2t-intra.log")
                b=$(value epoch_seconds_median "$results/torch-$cell-2t-blas.log")
                if [[ -n "$a" && ( -z "$b" || $(awk -v a="$a" -v b="$b" 'BEGIN { print (a <= b) }') == 1 ) ]]; then
                    p="$results/torch-$cell-2t-intra.log"
                    setting="2 intra-op, OPENBLAS_NUM_THREADS=1 (1 and 2: ${b:--} s)"
                else
                    p="$results/torch-$cell-2t-blas.log"
                    setting="1 intra-op, OPENBLAS_NUM_THREADS=2 (2 and 1: ${a:--} s)"
                fi
            fi
            ls=$(value epoch_seconds_median "$l")
            la=$(value test_accuracy "$l")
            ps=$(value epoch_seconds_median "$p")
            pa=$(value test_accuracy "$p")
            echo "| $cell | $t | $ls | ${ps:--} | $(ratio "$ls" "$ps") | $la | ${pa:--} |" \
                "$(diff_points "$la" "$pa") | $setting |"
        done
    done
    echo
    echo "Batch-1 inference, 1 thread: µs per 28-step sequence (class probabilities)"
    echo
    echo "| cell | lanes µs | PyTorch µs | lanes/PyTorch (target ≤ 0.3) |"
    echo "|---|---|---|---|"
    for cell in lstm gru; do
        l="$results/lanes-$cell-latency.log"
        [[ -f "$l" ]] || continue
        # JMH's summary line: "RecurrentBench.batch1Latency  <cell>  1  avgt  5  <score>  ±  <error>  us/op"
        lat=$(awk '$1 == "RecurrentBench.batch1Latency" { print $(NF - 3) }' "$l")
        pl=$(value batch1_microseconds "$results/torch-$cell-latency.log")
        echo "| $cell | $lat | ${pl:--} | $(ratio "$lat" "$pl") |"
    done
} >"$summary"
cat "$summary"
