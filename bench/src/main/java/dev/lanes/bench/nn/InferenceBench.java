package dev.lanes.bench.nn;

import dev.lanes.kernels.Kernels;
import dev.lanes.nn.Network;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference of the 784-256-128-10 ReLU/softmax MLP through {@link Network#predict}: class probabilities for
 * Fashion-MNIST test images. {@link #batch1Latency}: one image, microseconds per call (the batch-1 path allocates
 * only its 10-float result: {@code -prof gc} shows 56 B/op). {@link #batch1000Throughput}: 1000 images per call,
 * scored in images per second. Weights are the untrained initial ones: the arithmetic does not depend on them.
 *
 * <p>{@code threads} is the kernels' thread count (set as in {@link TrainStepBench}); batch 1 never splits.
 */
@State(Scope.Thread)
@Fork(value = 2, jvmArgsAppend = {ForkOptions.VECTOR_MODULE, ForkOptions.JMH_UNSAFE, ForkOptions.HEAP_MIN,
        ForkOptions.HEAP_MAX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InferenceBench {

    private static final int LARGE_BATCH = 1000;

    /** Kernel threads, the benchmark thread included. */
    @Param({"1", "2"})
    public int threads;

    /** A directory of MNIST-layout IDX files, or {@code synthetic}. */
    @Param(MlpData.FASHION_MNIST)
    public String data;

    private Network network;
    private float[] image;
    private float[] images;

    /** Loads the test images, builds the network, sets the kernel threads, checks batch 1 against batch 1000. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.setThreads(threads);
        MlpData d = MlpData.load(data, Mlp.BATCH, LARGE_BATCH);
        network = Mlp.build(d.features(), d.classes());
        images = Arrays.copyOf(d.images(), LARGE_BATCH * d.features());
        image = Arrays.copyOf(images, d.features());
        float[] one = network.predict(image);
        float[] first = Arrays.copyOf(network.predict(images, LARGE_BATCH), one.length);
        for (int c = 0; c < one.length; c++) {
            // A guard against a broken path, not a precision test: the two paths sum in different orders, which
            // moves a logit by at most γ₇₈₄ ≈ 4.7e-5 times the sum of |terms| (O(10) here) per layer, a
            // probability by at most half that (softmax's Jacobian); a broken path is off by O(0.1) or more.
            if (!(Math.abs(one[c] - first[c]) <= 1e-2f)) {
                throw new IllegalStateException("predict(image) and predict(images, 1000) disagree on class " + c
                        + ": " + one[c] + " vs " + first[c]);
            }
        }
    }

    /** Probabilities of one image: batch-1 latency. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[] batch1Latency() {
        return network.predict(image);
    }

    /** Probabilities of 1000 images in one call: throughput in images per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LARGE_BATCH)
    public float[] batch1000Throughput() {
        return network.predict(images, LARGE_BATCH);
    }
}
