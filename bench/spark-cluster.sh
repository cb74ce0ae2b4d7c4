#!/usr/bin/env bash
# Fashion-MNIST on a Spark standalone cluster on 127.0.0.1: lanes (LanesClassifier, sync and averaging) against
# MLlib's MultilayerPerceptronClassifier on the same data, layer sizes and cluster, and the same network
# trained by single-machine `lanes train`, for the overhead Spark adds.
#
# The cluster is a master and two workers of one core each, started as java processes from the Spark jars
# Maven fetched for the spark module (spark/target/spark-home/jars); everything it starts is stopped at the
# end, also on failure or Ctrl-C. Time it alone on the machine: /work/tools/cpu-exclusive bench/spark-cluster.sh
#
# Usage: bench/spark-cluster.sh [--only LIST] [--hidden 256,128] [--epochs 5] [--batch 512] [--lr 0.1]
#                               [--averaging-steps 16] [--max-iter 100] [--target X] [--results DIR] [--no-build]
#   --only      comma-separated runs among lanes-sync, lanes-averaging, mllib, single (default: all four)
#   --target    test accuracy lanes' time-to-accuracy is measured to (default: MLlib's, when it ran first)
#   --no-build  use the jars already built (./mvnw -pl spark,cli -am package -DskipTests, and the spark-home jars)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk25.sh

ONLY="mllib,lanes-sync,lanes-averaging,single"
HIDDEN="256,128"
EPOCHS=5
BATCH=512
LR=0.1
AVERAGING_STEPS=16
MAX_ITER=100
TARGET=""
RESULTS="bench/results/spark-$(date +%Y%m%d-%H%M%S)"
BUILD=1
DATA=/usr/share/datasets/fashion-mnist
while [[ $# -gt 0 ]]; do
    case "$1" in
        --only) ONLY="$2"; shift 2 ;;
        --hidden) HIDDEN="$2"; shift 2 ;;
        --epochs) EPOCHS="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --lr) LR="$2"; shift 2 ;;
        --averaging-steps) AVERAGING_STEPS="$2"; shift 2 ;;
        --max-iter) MAX_ITER="$2"; shift 2 ;;
        --target) TARGET="$2"; shift 2 ;;
        --results) RESULTS="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "spark-cluster.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

VERSION=0.1.0-SNAPSHOT
SPARK_HOME="$PWD/spark/target/spark-home"
if [[ $BUILD == 1 ]]; then
    ./mvnw -B -ntp -q -pl spark,cli -am package -DskipTests -Dmaven.javadoc.skip=true
fi
if [[ $BUILD == 1 || ! -d "$SPARK_HOME/jars" ]]; then
    # The Spark distribution's jars/ directory, from what Maven resolved for the spark module (provided scope).
    ./mvnw -B -ntp -q -pl spark dependency:copy-dependencies -DincludeScope=provided \
        -DoutputDirectory="$SPARK_HOME/jars"
fi
APP_JAR="$PWD/spark/target/lanes-spark-$VERSION.jar"
LIBS="$PWD/nn/target/lanes-nn-$VERSION.jar,$PWD/kernels/target/lanes-kernels-$VERSION.jar"
for f in "$APP_JAR" "${LIBS%,*}" "${LIBS#*,}" cli/target/lanes.jar; do
    [[ -f "$f" ]] || { echo "spark-cluster.sh: $f is missing: run without --no-build" >&2; exit 1; }
done
mkdir -p "$RESULTS" "$SPARK_HOME/conf"
RESULTS="$(cd "$RESULTS" && pwd)"
cat > "$SPARK_HOME/conf/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
# The script waits for the master's "Registering worker" lines.
logger.master.name = org.apache.spark.deploy.master.Master
logger.master.level = info
EOF

# What Spark 4 needs on JDK 17+ (its launcher adds the same to the executors it starts), and the Vector API.
SPARK_JVM=(--add-modules=jdk.incubator.vector
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
    --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
CLASSPATH_SPARK="$SPARK_HOME/conf:$SPARK_HOME/jars/*"
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1
# MLlib's BLAS: let OpenBLAS run at its best (the machine's defaults pin it to an older, slower kernel).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OPENBLAS_NUM_THREADS=1

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

PIDS=()
cleanup() {
    local pid child
    for pid in "${PIDS[@]}"; do
        # A worker's executors are its children: stop them too, by pid.
        for child in $(pgrep -P "$pid" 2>/dev/null || true); do
            kill "$child" 2>/dev/null || true
        done
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CPU="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "cpu: $CPU ($(nproc) cores); java: $("$JAVA" -version 2>&1 | head -1)" | tee "$RESULTS/environment.txt"

MASTER_PORT="$(free_port)"
MASTER="spark://127.0.0.1:$MASTER_PORT"
touch "$RESULTS/master.log"
"$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CLASSPATH_SPARK" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$(free_port)" > "$RESULTS/master.log" 2>&1 &
PIDS+=($!)
for w in 1 2; do
    mkdir -p "$RESULTS/work$w"
    "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CLASSPATH_SPARK" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 3g --work-dir "$RESULTS/work$w" --webui-port "$(free_port)" \
        "$MASTER" > "$RESULTS/worker$w.log" 2>&1 &
    PIDS+=($!)
done
for i in $(seq 1 60); do
    registered=$(grep -c "Registering worker" "$RESULTS/master.log" || true)
    [[ "$registered" -ge 2 ]] && break
    sleep 0.5
done
[[ "${registered:-0}" -ge 2 ]] || { echo "spark-cluster.sh: workers did not register; see $RESULTS/*.log" >&2; exit 1; }
echo "cluster: $MASTER, 2 workers x 1 core"

# spark-submit, as bin/spark-submit runs it: SparkSubmit in a JVM with the driver's options (client mode).
submit() {
    local name="$1"; shift
    local start end
    start=$(date +%s.%N)
    "$JAVA" "${SPARK_JVM[@]}" -Xmx2g -cp "$CLASSPATH_SPARK" org.apache.spark.deploy.SparkSubmit \
        --master "$MASTER" --deploy-mode client --executor-memory 2g --total-executor-cores 2 \
        --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
        --conf "spark.executor.extraJavaOptions=-Dlanes.threads=1 -XX:+UseParallelGC" \
        --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 \
        --jars "$LIBS" --class dev.lanes.spark.examples.FashionMnist "$APP_JAR" \
        --data "$DATA" --partitions 2 --hidden "$HIDDEN" "$@" 2>&1 | tee "$RESULTS/$name.log"
    end=$(date +%s.%N)
    echo "wall_seconds=$(echo "$end - $start" | bc)" | tee -a "$RESULTS/$name.log"
}

has() { [[ ",$ONLY," == *",$1,"* ]]; }

if has mllib; then
    submit mllib --trainer mllib --max-iter "$MAX_ITER"
    if [[ -z "$TARGET" ]]; then
        TARGET=$(sed -n 's/^RESULT .*test_accuracy=\([0-9.]*\).*/\1/p' "$RESULTS/mllib.log")
    fi
fi
TARGET="${TARGET:-NaN}"
LANES_ARGS=(--trainer lanes --epochs "$EPOCHS" --batch "$BATCH" --lr "$LR" --optimizer momentum
    --target-accuracy "$TARGET")
if has lanes-sync; then
    submit lanes-sync "${LANES_ARGS[@]}" --mode sync
fi
if has lanes-averaging; then
    submit lanes-averaging "${LANES_ARGS[@]}" --mode averaging --averaging-steps "$AVERAGING_STEPS"
fi
if has single; then
    # The same network and settings on one machine, its 2 cores as the kernels' threads.
    start=$(date +%s.%N)
    "$JAVA" --add-modules jdk.incubator.vector -XX:+UseParallelGC -jar cli/target/lanes.jar train --data "$DATA" \
        --hidden "$HIDDEN" --epochs "$EPOCHS" --batch "$BATCH" --lr "$LR" --optimizer momentum --threads 2 \
        --no-progress --out "$RESULTS/single.lnn" 2>&1 | tee "$RESULTS/single.log"
    end=$(date +%s.%N)
    echo "wall_seconds=$(echo "$end - $start" | bc)" | tee -a "$RESULTS/single.log"
fi

python3 - "$RESULTS" "$TARGET" "$CPU" "$HIDDEN" <<'EOF' | tee "$RESULTS/summary.md"
import re, sys, pathlib
results, target, cpu, hidden = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def read(name):
    f = results / (name + ".log")
    return f.read_text() if f.exists() else None
rows = []
mllib = read("mllib")
if mllib:
    r = dict(re.findall(r"(\w+)=(\S+)", re.search(r"^RESULT .*$", mllib, re.M).group(0)))
    rows.append(("MLlib MLP, L-BFGS, %s iterations, sigmoid" % r["iterations"], r["test_accuracy"], r["fit_seconds"],
                 r["fit_seconds"], re.search(r"wall_seconds=(\S+)", mllib).group(1)))
for mode in ("sync", "averaging"):
    text = read("lanes-" + mode)
    if not text:
        continue
    r = dict(re.findall(r"(\w+)=(\S+)", re.search(r"^RESULT .*$", text, re.M).group(0)))
    rows.append(("lanes on Spark, %s, %s epochs, ReLU" % (mode, r["epochs"]), r["test_accuracy"], r["fit_seconds"],
                 r["seconds_to_target"], re.search(r"wall_seconds=(\S+)", text).group(1)))
single = read("single")
if single:
    epochs = re.findall(r"epoch +(\d+) .*test acc ([0-9.]+) +([0-9.]+) s", single)
    total, to_target = 0.0, "nan"
    for _, acc, secs in epochs:
        total += float(secs)
        if to_target == "nan" and target != "NaN" and float(acc) >= float(target):
            to_target = "%.2f" % total
    rows.append(("lanes train, one machine, 2 threads, %d epochs" % len(epochs),
                 re.search(r"test_accuracy=(\S+)", single).group(1), "%.2f" % total, to_target,
                 re.search(r"wall_seconds=(\S+)", single).group(1)))
print("Fashion-MNIST, 784-%s-10, cluster: master + 2 workers x 1 core on 127.0.0.1; %s" % (
    hidden.replace(",", "-"), cpu))
print("target accuracy (MLlib's, unless given): %s\n" % target)
print("| run | test accuracy | fit s | s to target (MLlib: its fit) | process wall s |")
print("| --- | ---: | ---: | ---: | ---: |")
for row in rows:
    print("| %s | %s | %.1f | %.1f | %.1f |" % (row[0], row[1], float(row[2]), float(row[3]), float(row[4])))
EOF
