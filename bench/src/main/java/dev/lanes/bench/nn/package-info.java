/**
 * JMH benchmarks of the network layer on the 784-256-128-10 ReLU/softmax MLP: one training step at
 * batch 128 ({@link dev.lanes.bench.nn.TrainStepBench}), batch-1 latency and batch-1000 throughput of
 * {@code Network.predict} ({@link dev.lanes.bench.nn.InferenceBench}), each at 1 and 2 kernel threads, on
 * Fashion-MNIST ({@code -p data=synthetic} without it). Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * ./mvnw -q -pl bench -am package -DskipTests
 * $JAVA_HOME/bin/java -jar bench/target/benchmarks.jar 'dev.lanes.bench.nn.(TrainStep|Inference)Bench' -prof gc
 * </pre>
 * About 5 minutes (6 trials of 2 forks x 10 s). The lanes-against-PyTorch comparison of whole training runs is
 * bench/compare-pytorch.sh.
 */
package dev.lanes.bench.nn;
