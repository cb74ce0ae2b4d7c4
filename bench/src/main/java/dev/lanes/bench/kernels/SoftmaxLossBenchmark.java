package dev.lanes.bench.kernels;

import dev.lanes.kernels.Losses;
import dev.lanes.kernels.Softmax;
import dev.lanes.kernels.scalar.ScalarLosses;
import dev.lanes.kernels.scalar.ScalarSoftmax;
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
 * Row softmax and softmax cross-entropy on a rows x cols batch, SIMD against scalar reference. Bytes per
 * element: softmax forward 12 (reads x twice, max and exp passes, writes y, then rereads y to scale: 16 with
 * the scale pass), cross-entropy 16 (same passes writing delta). The shapes: an MNIST output layer (128 x 10),
 * a 1000-class batch (128 x 1000) and an L2-sized and a DRAM-sized total (64 x 1024, 16384 x 1024).
 * Score: microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SoftmaxLossBenchmark {

    @Param({"128x10", "128x1000", "64x1024", "16384x1024"})
    public String shape;

    private int rows;
    private int cols;
    private float[] x;
    private float[] y;
    private int[] labels;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        rows = Integer.parseInt(parts[0]);
        cols = Integer.parseInt(parts[1]);
        Random random = new Random(4);
        x = new float[rows * cols];
        y = new float[rows * cols];
        labels = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 20 - 10;
        }
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(cols);
        }
    }

    @Benchmark
    public float[] softmaxSimd() {
        Softmax.forward(rows, cols, x, 0, cols, y, 0, cols);
        return y;
    }

    @Benchmark
    public float[] softmaxScalar() {
        ScalarSoftmax.forward(rows, cols, x, 0, cols, y, 0, cols);
        return y;
    }

    @Benchmark
    public float crossEntropySimd() {
        return Losses.softmaxCrossEntropy(rows, cols, x, 0, cols, labels, 0, y, 0, cols);
    }

    @Benchmark
    public float crossEntropyScalar() {
        return ScalarLosses.softmaxCrossEntropy(rows, cols, x, 0, cols, labels, 0, y, 0, cols);
    }
}
