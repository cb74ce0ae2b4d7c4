package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Vectors;
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
 * A dense layer's forward pass at the MLP shapes, batch 128: Y = relu(X Wᵀ + b), X batch x in, W out x in.
 * <ul>
 *   <li>{@code fused}: one sgemm with the bias+ReLU epilogue on each tile;</li>
 *   <li>{@code plain}: sgemm alone (the fused target: at most 3% slower than this);</li>
 *   <li>{@code unfusedSimd}: sgemm, then a second pass over Y: per row axpy of the bias and a SIMD ReLU;</li>
 *   <li>{@code unfusedLoop}: sgemm, then the plain Java loop {@code y = max(y + b[j], 0)}, which C2 does not
 *       vectorise (the bias broadcast).</li>
 * </ul>
 * Score: microseconds per layer; GFLOP/s = 2 batch out in / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FusedGemmBenchmark {

    /** batch x in -> out. */
    @Param({"128x784x256", "128x256x128", "128x128x10"})
    public String shape;

    @Param({"1"})
    public int threads;

    private int batch;
    private int in;
    private int out;
    private float[] x;
    private float[] w;
    private float[] b;
    private float[] y;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        batch = Integer.parseInt(parts[0]);
        in = Integer.parseInt(parts[1]);
        out = Integer.parseInt(parts[2]);
        Kernels.setThreads(threads);
        Random random = new Random(5);
        x = fill(random, batch * in);
        w = fill(random, out * in);
        b = fill(random, out);
        y = new float[batch * out];
    }

    private static float[] fill(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }

    @Benchmark
    public float[] fused() {
        Gemm.sgemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out, b, 0, Activation.RELU);
        return y;
    }

    @Benchmark
    public float[] plain() {
        Gemm.sgemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
        return y;
    }

    @Benchmark
    public float[] unfusedSimd() {
        Gemm.sgemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
        for (int r = 0; r < batch; r++) {
            Vectors.axpy(out, 1f, b, 0, y, r * out);
        }
        Activations.forward(Activation.RELU, batch * out, y, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] unfusedLoop() {
        Gemm.sgemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
        for (int r = 0; r < batch; r++) {
            int row = r * out;
            for (int j = 0; j < out; j++) {
                y[row + j] = Math.max(y[row + j] + b[j], 0f);
            }
        }
        return y;
    }
}
