package dev.lanes.bench.kernels;

import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Recurrent;
import dev.lanes.kernels.simd.LstmGateEpilogue;
import dev.lanes.kernels.simd.SimdGemm;
import dev.lanes.kernels.simd.SimdRecurrent;
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
 * Does fusing the LSTM's gate activations into the recurrent GEMM's epilogue pay? One forward time step at
 * batch 128, hidden 128: the step's slice of the input projection ({@code x W_ihᵀ + b}, precomputed for all
 * steps by the layer) is copied into pre, then
 * <ul>
 *   <li>{@code gemmOnly}: {@code pre += h_prev W_hhᵀ} (128 x 512 x 128, beta = 1), the GEMM alone;</li>
 *   <li>{@code gemmThenLstm}: that GEMM, then {@link Recurrent#lstmForward} (gates in place over pre);</li>
 *   <li>{@code gemmGateEpilogueThenCell}: the GEMM with {@link LstmGateEpilogue} (sigmoid/tanh on each tile
 *       while it is in L1), then the cell update alone ({@link SimdRecurrent#lstmCellFromGates});</li>
 *   <li>{@code copyOnly}: the copy all three include, to subtract.</li>
 * </ul>
 * Score: microseconds per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RecurrentStepBenchmark {

    @Param({"1"})
    public int threads;

    private final int batch = 128;
    private final int hidden = 128;
    private float[] inputPart;
    private float[] pre;
    private float[] weights;
    private float[] hPrev;
    private float[] cPrev;
    private float[] c;
    private float[] h;

    @Setup
    public void setUp() {
        Kernels.setThreads(threads);
        Random random = new Random(9);
        inputPart = fill(random, batch * 4 * hidden, 1);
        pre = new float[batch * 4 * hidden];
        weights = fill(random, 4 * hidden * hidden, 0.1f);
        hPrev = fill(random, batch * hidden, 1);
        cPrev = fill(random, batch * hidden, 1);
        c = new float[batch * hidden];
        h = new float[batch * hidden];
    }

    private static float[] fill(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return a;
    }

    @Benchmark
    public float[] copyOnly() {
        System.arraycopy(inputPart, 0, pre, 0, pre.length);
        return pre;
    }

    @Benchmark
    public float[] gemmOnly() {
        System.arraycopy(inputPart, 0, pre, 0, pre.length);
        Gemm.sgemm(false, true, batch, 4 * hidden, hidden, 1f, hPrev, 0, hidden, weights, 0, hidden, 1f,
                pre, 0, 4 * hidden);
        return pre;
    }

    @Benchmark
    public float[] gemmThenLstm() {
        System.arraycopy(inputPart, 0, pre, 0, pre.length);
        Gemm.sgemm(false, true, batch, 4 * hidden, hidden, 1f, hPrev, 0, hidden, weights, 0, hidden, 1f,
                pre, 0, 4 * hidden);
        Recurrent.lstmForward(batch, hidden, pre, 0, 4 * hidden, cPrev, 0, hidden, pre, 0, 4 * hidden,
                c, 0, hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] gemmGateEpilogueThenCell() {
        System.arraycopy(inputPart, 0, pre, 0, pre.length);
        SimdGemm.sgemm(false, true, batch, 4 * hidden, hidden, 1f, hPrev, 0, hidden, weights, 0, hidden, 1f,
                pre, 0, 4 * hidden, LstmGateEpilogue.of(hidden));
        SimdRecurrent.lstmCellFromGates(batch, hidden, pre, 0, 4 * hidden, cPrev, 0, hidden, c, 0, hidden,
                h, 0, hidden);
        return h;
    }
}
