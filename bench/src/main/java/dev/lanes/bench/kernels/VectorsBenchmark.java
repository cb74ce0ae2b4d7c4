package dev.lanes.bench.kernels;

import dev.lanes.kernels.Vectors;
import dev.lanes.kernels.scalar.ScalarVectors;
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
 * BLAS-1 kernels, SIMD against scalar reference. Bytes per element: axpy 12 (reads x, y; writes y), scale 8,
 * dot 8, sumOfSquares 4, clip 8; columnSums reads the size-element matrix once (4 bytes per element) as
 * {@code size / cols} rows of {@code cols}. Score: microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VectorsBenchmark {

    @Param({"65536", "16777216"})
    public int size;

    /** Columns of the matrix view for columnSums (a layer's width). */
    @Param({"256"})
    public int cols;

    private float[] x;
    private float[] y;
    private float[] out;

    @Setup
    public void setUp() {
        Random random = new Random(2);
        x = new float[size];
        y = new float[size];
        out = new float[cols];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextFloat() * 2 - 1;
            y[i] = random.nextFloat() * 2 - 1;
        }
    }

    @Benchmark
    public float[] axpySimd() {
        Vectors.axpy(size, 1e-7f, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] axpyScalar() {
        ScalarVectors.axpy(size, 1e-7f, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] scaleSimd() {
        Vectors.scale(size, 1.0000001f, y, 0);
        return y;
    }

    @Benchmark
    public float[] scaleScalar() {
        ScalarVectors.scale(size, 1.0000001f, y, 0);
        return y;
    }

    @Benchmark
    public float dotSimd() {
        return Vectors.dot(size, x, 0, y, 0);
    }

    @Benchmark
    public float dotScalar() {
        return ScalarVectors.dot(size, x, 0, y, 0);
    }

    @Benchmark
    public double sumOfSquaresSimd() {
        return Vectors.sumOfSquares(size, x, 0);
    }

    @Benchmark
    public double sumOfSquaresScalar() {
        return ScalarVectors.sumOfSquares(size, x, 0);
    }

    @Benchmark
    public float[] clipSimd() {
        Vectors.clip(size, -0.5f, 0.5f, y, 0);
        return y;
    }

    @Benchmark
    public float[] clipScalar() {
        ScalarVectors.clip(size, -0.5f, 0.5f, y, 0);
        return y;
    }

    @Benchmark
    public float[] columnSumsSimd() {
        Vectors.columnSums(size / cols, cols, x, 0, cols, 0f, out, 0);
        return out;
    }

    @Benchmark
    public float[] columnSumsScalar() {
        ScalarVectors.columnSums(size / cols, cols, x, 0, cols, 0f, out, 0);
        return out;
    }
}
