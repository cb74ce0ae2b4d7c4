package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Convolutions;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Kernels;
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
 * Convolution layers at batch 128, each pass next to the SGEMM of the same M x N x K (so the same FLOP count)
 * on a column matrix that is already built: the GEMM's GFLOPS are what the convolution would reach if forming
 * its windows cost nothing. With M = batch · outPixels, N = outChannels, K = patchSize:
 * <ul>
 *   <li>{@code forward}: y = relu(conv(x, w) + b), against {@code gemmForward} = relu(col Wᵀ + b);</li>
 *   <li>{@code backwardInput}: dx, against {@code gemmBackwardInput} = dZ W (M x K, without the col2im);</li>
 *   <li>{@code backwardWeights}: dW and db, against {@code gemmBackwardWeights} = dZᵀ col.</li>
 * </ul>
 * Score: microseconds per pass; GFLOP/s = 2 M N K / time ({@link ConvLayers#flops}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
public class ConvBenchmark {

    @Param({"conv1", "conv2", "conv3x3"})
    public String layer;

    @Param({"128"})
    public int batch;

    @Param({"1"})
    public int threads;

    private Conv2dGeometry g;
    private int m;
    private float[] x;
    private float[] w;
    private float[] bias;
    private float[] y;
    private float[] dz;
    private float[] dx;
    private float[] dw;
    private float[] db;
    private float[] scratch;
    private float[] col;
    private float[] dcol;

    @Setup
    public void setUp() {
        Kernels.setThreads(threads);
        g = ConvLayers.geometry(layer);
        m = batch * g.outPixels();
        Random random = new Random(3);
        x = ConvLayers.random(random, batch * g.inputSize());
        w = ConvLayers.random(random, g.weightSize());
        bias = ConvLayers.random(random, g.outChannels());
        y = new float[batch * g.outputSize()];
        dz = ConvLayers.random(random, batch * g.outputSize());
        dx = new float[batch * g.inputSize()];
        dw = new float[g.weightSize()];
        db = new float[g.outChannels()];
        scratch = new float[Math.max(1, Convolutions.scratchSize(g, batch))];
        col = ConvLayers.random(random, m * g.patchSize());
        dcol = new float[m * g.patchSize()];
    }

    @Benchmark
    public float[] forward() {
        Convolutions.forward(g, batch, x, 0, w, 0, bias, 0, Activation.RELU, y, 0, scratch, 0);
        return y;
    }

    @Benchmark
    public float[] backwardInput() {
        Convolutions.backwardInput(g, batch, dz, 0, w, 0, dx, 0, scratch, 0);
        return dx;
    }

    @Benchmark
    public float[] backwardWeights() {
        Convolutions.backwardWeights(g, batch, x, 0, dz, 0, dw, 0, db, 0, scratch, 0);
        return dw;
    }

    @Benchmark
    public float[] gemmForward() {
        int n = g.outChannels();
        int k = g.patchSize();
        Gemm.sgemm(false, true, m, n, k, 1f, col, 0, k, w, 0, k, 0f, y, 0, n, bias, 0, Activation.RELU);
        return y;
    }

    @Benchmark
    public float[] gemmBackwardInput() {
        int n = g.outChannels();
        int k = g.patchSize();
        Gemm.sgemm(false, false, m, k, n, 1f, dz, 0, n, w, 0, k, 0f, dcol, 0, k);
        return dcol;
    }

    @Benchmark
    public float[] gemmBackwardWeights() {
        int n = g.outChannels();
        int k = g.patchSize();
        Gemm.sgemm(true, false, n, k, m, 1f, dz, 0, n, col, 0, k, 0f, dw, 0, k);
        return dw;
    }
}
