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
 * Convolution layers at batch 128, each pass next to SGEMMs of the same FLOP count. With M = batch · outPixels,
 * N = outChannels, K = patchSize:
 * <ul>
 *   <li>{@code forward}: y = relu(conv(x, w) + b); {@code backwardInput}: dx; {@code backwardWeights}: dW and db
 *       (the default algorithm; {@code -jvmArgsPrepend -Dlanes.conv=im2col} or {@code =implicit} forces one);</li>
 *   <li>{@code gemmForward} = relu(col Wᵀ + b), {@code gemmBackwardInput} = dZ W (without the scatter-add) and
 *       {@code gemmBackwardWeights} = dZᵀ col: the same M x N x K products on a column matrix that is already
 *       built, as im2col would run them, one L2-sized chunk at a time (the chunk is built once and reused for
 *       every chunk, so these are what the column-matrix path would reach if forming the windows cost nothing);</li>
 *   <li>{@code gemmSquare}: the square SGEMM n x n x n with 2n³ closest to 2 M N K, the GEMM's speed on a shape
 *       it likes at the same FLOP count.</li>
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

    @Param({"1", "2"})
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
    private int chunk;
    private int square;
    private float[] squareA;
    private float[] squareB;
    private float[] squareC;

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
        chunk = Math.min(m, Math.max(48, (1 << 18) / g.patchSize() / 48 * 48));
        col = ConvLayers.random(random, chunk * g.patchSize());
        dcol = new float[chunk * g.patchSize()];
        square = (int) Math.round(Math.cbrt(ConvLayers.flops(g, batch) / 2));
        squareA = ConvLayers.random(random, square * square);
        squareB = ConvLayers.random(random, square * square);
        squareC = new float[square * square];
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
        for (int m0 = 0; m0 < m; m0 += chunk) {
            Gemm.sgemm(false, true, Math.min(chunk, m - m0), n, k, 1f, col, 0, k, w, 0, k, 0f, y, m0 * n, n, bias, 0,
                    Activation.RELU);
        }
        return y;
    }

    @Benchmark
    public float[] gemmBackwardInput() {
        int n = g.outChannels();
        int k = g.patchSize();
        for (int m0 = 0; m0 < m; m0 += chunk) {
            Gemm.sgemm(false, false, Math.min(chunk, m - m0), k, n, 1f, dz, m0 * n, n, w, 0, k, 0f, dcol, 0, k);
        }
        return dcol;
    }

    @Benchmark
    public float[] gemmBackwardWeights() {
        int n = g.outChannels();
        int k = g.patchSize();
        for (int m0 = 0; m0 < m; m0 += chunk) {
            Gemm.sgemm(true, false, n, k, Math.min(chunk, m - m0), 1f, dz, m0 * n, n, col, 0, k, m0 == 0 ? 0f : 1f,
                    dw, 0, k);
        }
        return dw;
    }

    @Benchmark
    public float[] gemmSquare() {
        Gemm.sgemm(false, false, square, square, square, 1f, squareA, 0, square, squareB, 0, square, 0f, squareC, 0,
                square);
        return squareC;
    }
}
