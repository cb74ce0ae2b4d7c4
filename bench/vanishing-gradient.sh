#!/usr/bin/env bash
# The vanishing gradient, made visible: a plain tanh RNN, an LSTM and a GRU (32 units each, then
# dense:1) trained on the adding problem at sequence lengths T (default 50 and 100), each run recording
# ||dC/dh_t|| per time step (lanes train --time-gradients), then one chart per T with the three cells' last
# epoch: docs/images/recurrent-vanishing-T.png. Also prints each run's test MSE and accuracy (within 0.04).
#
# Usage: bench/vanishing-gradient.sh [--steps "50 100"] [--epochs N (default 10)] [--images DIR (default
#   docs/images)] [--results DIR (default bench/results/vanishing)] [--no-build]
# Recipe: adding:T (10,000 training, 1,000 test sequences), Adam lr 0.01, global-norm clipping at 1, batch 32,
# seed 1, 1 thread. Not a timing: run it through cpu-shared, not cpu-exclusive. About 4 minutes on 2 cores.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
steps="50 100"
epochs=10
images=docs/images
results=bench/results/vanishing
build=1
while (($#)); do
    case "$1" in
        --steps) steps=${2:?--steps needs a value}; shift ;;
        --epochs) epochs=${2:?--epochs needs a value}; shift ;;
        --images) images=${2:?--images needs a value}; shift ;;
        --results) results=${2:?--results needs a value}; shift ;;
        --no-build) build=0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "vanishing-gradient.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
    esac
    shift
done
source "$ROOT/bench/jdk25.sh"
LANES_JAR=cli/target/lanes.jar
if ((build)); then
    ./mvnw -q -pl cli -am package -DskipTests
fi
mkdir -p "$results" "$images"
for t in $steps; do
    for cell in rnn lstm gru; do
        dir="$results/$cell-$t"
        mkdir -p "$dir"
        echo "vanishing-gradient.sh: $cell on adding:$t"
        "$JAVA" --add-modules jdk.incubator.vector -jar "$LANES_JAR" train --data "adding:$t" \
            --layers "$cell:32,dense:1" --optimizer adam --lr 0.01 --clip-norm 1 --epochs "$epochs" --batch 32 \
            --threads 1 --seed 1 --no-progress --time-gradients "$dir" --out "$dir/model.lnn" >"$dir/log.txt" 2>&1
        grep -E '^test_(mse|accuracy)=' "$dir/log.txt" | tr '\n' ' '
        echo
    done
    "$JAVA" -cp "$LANES_JAR" bench/recurrent/VanishingGradientChart.java "$images/recurrent-vanishing-$t.png" \
        "‖∂C/∂h_t‖ per time step · adding problem, T = $t · 32 units, Adam lr 0.01, clip 1, batch 32" \
        "rnn (tanh)=$results/rnn-$t" "lstm=$results/lstm-$t" "gru=$results/gru-$t"
done
