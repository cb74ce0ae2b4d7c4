package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.BatchNormalization;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Dropouts;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Pooling;
import dev.lanes.kernels.scalar.ScalarBatchNormalization;
import dev.lanes.kernels.scalar.ScalarDropouts;
import dev.lanes.kernels.scalar.ScalarPooling;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pooling, batch normalization and dropout at the benchmark CNN's shapes, batch 128, each against its scalar
 * reference, 1 thread. {@code layer} names the activation they work on: conv1's output (128 x 24 x 24 x 16, max
 * pooled 2x2 to 12 x 12) or conv2's (128 x 8 x 8 x 32, pooled to 4 x 4). Batch norm treats it as a
 * (128 · pixels) x channels matrix; dropout as one run of floats.
 * <ul>
 *   <li>{@code dropoutBackwardSimd} recomputes the mask from (seed, step, index); {@code storedMaskBackward} is
 *       what a stored float mask would cost instead: dy times a saved array, in place (the same traffic as
 *       {@link Activations#multiplyByDerivative}, which it runs).</li>
 * </ul>
 * Score: microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CnnKernelsBenchmark {

    @Param({"conv1", "conv2"})
    public String layer;

    private Conv2dGeometry pool;
    private int batch;
    private int rows;
    private int channels;
    private float[] x;
    private float[] y;
    private float[] pooled;
    private int[] argmax;
    private float[] dx;
    private float[] gamma;
    private float[] beta;
    private float[] runningMean;
    private float[] runningVar;
    private float[] mean;
    private float[] invStd;
    private float[] mask;
    private long step;

    @Setup
    public void setUp() {
        Kernels.setThreads(1);
        pool = ConvLayers.geometry(layer.equals("conv1") ? "pool1" : "pool2");
        batch = 128;
        channels = pool.inChannels();
        rows = batch * pool.inPixels();
        Random random = new Random(6);
        x = ConvLayers.random(random, rows * channels);
        y = new float[x.length];
        dx = new float[x.length];
        pooled = ConvLayers.random(random, batch * pool.outPixels() * channels);
        argmax = new int[pooled.length];
        Pooling.maxForward(pool, batch, x, 0, pooled, 0, argmax, 0);
        gamma = ConvLayers.random(random, channels);
        beta = ConvLayers.random(random, channels);
        runningMean = new float[channels];
        runningVar = new float[channels];
        mean = new float[channels];
        invStd = new float[channels];
        BatchNormalization.trainingForward(rows, channels, x, 0, channels, gamma, 0, beta, 0, 1e-5f, 0.1f,
                runningMean, 0, runningVar, 0, y, 0, channels, mean, 0, invStd, 0);
        mask = new float[x.length];
        Dropouts.forward(x.length, 0.5f, 1, 1, 0, ConvLayers.random(random, x.length), 0, mask, 0);
    }

    @Benchmark
    public float[] maxPoolForwardSimd() {
        Pooling.maxForward(pool, batch, x, 0, pooled, 0, argmax, 0);
        return pooled;
    }

    @Benchmark
    public float[] maxPoolForwardScalar() {
        ScalarPooling.maxForward(pool, batch, x, 0, pooled, 0, argmax, 0);
        return pooled;
    }

    @Benchmark
    public float[] maxPoolBackwardSimd() {
        Pooling.maxBackward(pool, batch, pooled, 0, argmax, 0, dx, 0);
        return dx;
    }

    @Benchmark
    public float[] maxPoolBackwardScalar() {
        ScalarPooling.maxBackward(pool, batch, pooled, 0, argmax, 0, dx, 0);
        return dx;
    }

    @Benchmark
    public float[] avgPoolForwardSimd() {
        Pooling.averageForward(pool, batch, true, x, 0, pooled, 0);
        return pooled;
    }

    @Benchmark
    public float[] avgPoolForwardScalar() {
        ScalarPooling.averageForward(pool, batch, true, x, 0, pooled, 0);
        return pooled;
    }

    @Benchmark
    public float[] avgPoolBackwardSimd() {
        Pooling.averageBackward(pool, batch, true, pooled, 0, dx, 0);
        return dx;
    }

    @Benchmark
    public float[] avgPoolBackwardScalar() {
        ScalarPooling.averageBackward(pool, batch, true, pooled, 0, dx, 0);
        return dx;
    }

    @Benchmark
    public float[] globalAvgPoolForwardSimd() {
        Pooling.globalAverageForward(batch, pool.inPixels(), channels, x, 0, pooled, 0);
        return pooled;
    }

    @Benchmark
    public float[] globalAvgPoolForwardScalar() {
        ScalarPooling.globalAverageForward(batch, pool.inPixels(), channels, x, 0, pooled, 0);
        return pooled;
    }

    @Benchmark
    public float[] batchNormTrainingSimd() {
        BatchNormalization.trainingForward(rows, channels, x, 0, channels, gamma, 0, beta, 0, 1e-5f, 0.1f,
                runningMean, 0, runningVar, 0, y, 0, channels, mean, 0, invStd, 0);
        return y;
    }

    @Benchmark
    public float[] batchNormTrainingScalar() {
        ScalarBatchNormalization.trainingForward(rows, channels, x, 0, channels, gamma, 0, beta, 0, 1e-5f, 0.1f,
                runningMean, 0, runningVar, 0, y, 0, channels, mean, 0, invStd, 0);
        return y;
    }

    @Benchmark
    public float[] batchNormInferenceSimd() {
        BatchNormalization.inferenceForward(rows, channels, x, 0, channels, gamma, 0, beta, 0, 1e-5f, runningMean, 0,
                runningVar, 0, y, 0, channels);
        return y;
    }

    @Benchmark
    public float[] batchNormInferenceScalar() {
        ScalarBatchNormalization.inferenceForward(rows, channels, x, 0, channels, gamma, 0, beta, 0, 1e-5f,
                runningMean, 0, runningVar, 0, y, 0, channels);
        return y;
    }

    @Benchmark
    public float[] batchNormBackwardSimd() {
        BatchNormalization.backward(rows, channels, x, 0, channels, y, 0, channels, gamma, 0, mean, 0, invStd, 0, dx, 0,
                channels, runningMean, 0, runningVar, 0);
        return dx;
    }

    @Benchmark
    public float[] batchNormBackwardScalar() {
        ScalarBatchNormalization.backward(rows, channels, x, 0, channels, y, 0, channels, gamma, 0, mean, 0, invStd, 0,
                dx, 0, channels, runningMean, 0, runningVar, 0);
        return dx;
    }

    @Benchmark
    public float[] dropoutForwardSimd() {
        Dropouts.forward(x.length, 0.5f, 42, ++step, 0, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] dropoutForwardScalar() {
        ScalarDropouts.forward(x.length, 0.5f, 42, ++step, 0, x, 0, y, 0);
        return y;
    }

    /** In place, as a layer would run it (dx = dy). */
    @Benchmark
    public float[] dropoutBackwardSimd() {
        Dropouts.backward(dx.length, 0.5f, 42, step, 0, dx, 0, dx, 0);
        return dx;
    }

    /** In place too: reads the mask and dy, writes dy. */
    @Benchmark
    public float[] storedMaskBackward() {
        Activations.multiplyByDerivative(Activation.RELU, dx.length, mask, 0, dx, 0);
        return dx;
    }
}
