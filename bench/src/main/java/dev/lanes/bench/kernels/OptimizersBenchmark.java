package dev.lanes.bench.kernels;

import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.scalar.ScalarOptimizers;
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
 * Optimizer steps over a parameter buffer, SIMD against scalar reference. Bytes per element: sgd 12 (reads w,
 * g; writes w), momentum 20 (reads w, g, v; writes w, v), adam 28 (reads w, g, m, v; writes w, m, v).
 * Score: microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OptimizersBenchmark {

    @Param({"65536", "16777216"})
    public int size;

    private float[] w;
    private float[] g;
    private float[] m;
    private float[] v;

    @Setup
    public void setUp() {
        Random random = new Random(3);
        w = new float[size];
        g = new float[size];
        m = new float[size];
        v = new float[size];
        for (int i = 0; i < size; i++) {
            w[i] = random.nextFloat() * 2 - 1;
            g[i] = (random.nextFloat() * 2 - 1) * 1e-3f;
        }
    }

    @Benchmark
    public float[] sgdSimd() {
        Optimizers.sgd(size, 1e-3f, 1e-4f, w, 0, g, 0);
        return w;
    }

    @Benchmark
    public float[] sgdScalar() {
        ScalarOptimizers.sgd(size, 1e-3f, 1e-4f, w, 0, g, 0);
        return w;
    }

    @Benchmark
    public float[] momentumSimd() {
        Optimizers.momentum(size, 1e-3f, 0.9f, 0f, true, w, 0, g, 0, v, 0);
        return w;
    }

    @Benchmark
    public float[] momentumScalar() {
        ScalarOptimizers.momentum(size, 1e-3f, 0.9f, 0f, true, w, 0, g, 0, v, 0);
        return w;
    }

    @Benchmark
    public float[] adamSimd() {
        Optimizers.adam(size, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, true, 10, w, 0, g, 0, m, 0, v, 0);
        return w;
    }

    @Benchmark
    public float[] adamScalar() {
        ScalarOptimizers.adam(size, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, true, 10, w, 0, g, 0, m, 0, v, 0);
        return w;
    }
}
