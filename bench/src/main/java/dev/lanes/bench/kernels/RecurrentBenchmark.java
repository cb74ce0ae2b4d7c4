package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Recurrent;
import dev.lanes.kernels.scalar.ScalarRecurrent;
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
 * The recurrent-cell kernels of {@link Recurrent} (SIMD) against their scalar references, one time step at
 * batch x hidden: RNN (tanh), LSTM and GRU, forward and backward. Inputs and outputs are separate arrays, so
 * repeated calls see the same values. Score: microseconds per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RecurrentBenchmark {

    @Param({"128"})
    public int batch;

    @Param({"128"})
    public int hidden;

    /** Threads the kernels may use; a step this size is split by rows at 2 (SIMD only). */
    @Param({"1"})
    public int threads;

    private float[] pre;
    private float[] pre3;
    private float[] hiddenPre;
    private float[] statePrev;
    private float[] gates;
    private float[] c;
    private float[] h;
    private float[] dh;
    private float[] dc;
    private float[] dPre;
    private float[] dPre3;
    private float[] dState;

    @Setup
    public void setUp() {
        Kernels.setThreads(threads);
        Random random = new Random(7);
        int n = batch * hidden;
        pre = fill(random, 4 * n, 3);
        pre3 = fill(random, 3 * n, 3);
        hiddenPre = fill(random, 3 * n, 3);
        statePrev = fill(random, n, 1);
        dh = fill(random, n, 1);
        dc = fill(random, n, 1);
        gates = new float[4 * n];
        c = new float[n];
        h = new float[n];
        dPre = new float[4 * n];
        dPre3 = new float[3 * n];
        dState = new float[n];
        // Realistic saved state for the backward kernels.
        Recurrent.lstmForward(batch, hidden, pre, 0, 4 * hidden, statePrev, 0, hidden, gates, 0, 4 * hidden,
                c, 0, hidden, h, 0, hidden);
    }

    private static float[] fill(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return a;
    }

    @Benchmark
    public float[] rnnForwardSimd() {
        Recurrent.rnnForward(Activation.TANH, batch, hidden, pre, 0, hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] rnnForwardScalar() {
        ScalarRecurrent.rnnForward(Activation.TANH, batch, hidden, pre, 0, hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] rnnBackwardSimd() {
        Recurrent.rnnBackward(Activation.TANH, batch, hidden, statePrev, 0, hidden, dh, 0, hidden, dState, 0, hidden);
        return dState;
    }

    @Benchmark
    public float[] rnnBackwardScalar() {
        ScalarRecurrent.rnnBackward(Activation.TANH, batch, hidden, statePrev, 0, hidden, dh, 0, hidden,
                dState, 0, hidden);
        return dState;
    }

    @Benchmark
    public float[] lstmForwardSimd() {
        Recurrent.lstmForward(batch, hidden, pre, 0, 4 * hidden, statePrev, 0, hidden, gates, 0, 4 * hidden,
                c, 0, hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] lstmForwardScalar() {
        ScalarRecurrent.lstmForward(batch, hidden, pre, 0, 4 * hidden, statePrev, 0, hidden, gates, 0, 4 * hidden,
                c, 0, hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] lstmBackwardSimd() {
        Recurrent.lstmBackward(batch, hidden, gates, 0, 4 * hidden, statePrev, 0, hidden, c, 0, hidden, dh, 0, hidden,
                dc, 0, hidden, dPre, 0, 4 * hidden, dState, 0, hidden);
        return dPre;
    }

    @Benchmark
    public float[] lstmBackwardScalar() {
        ScalarRecurrent.lstmBackward(batch, hidden, gates, 0, 4 * hidden, statePrev, 0, hidden, c, 0, hidden,
                dh, 0, hidden, dc, 0, hidden, dPre, 0, 4 * hidden, dState, 0, hidden);
        return dPre;
    }

    @Benchmark
    public float[] gruForwardSimd() {
        Recurrent.gruForward(batch, hidden, pre3, 0, 3 * hidden, hiddenPre, 0, 3 * hidden, statePrev, 0, hidden,
                gates, 0, 4 * hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] gruForwardScalar() {
        ScalarRecurrent.gruForward(batch, hidden, pre3, 0, 3 * hidden, hiddenPre, 0, 3 * hidden, statePrev, 0, hidden,
                gates, 0, 4 * hidden, h, 0, hidden);
        return h;
    }

    @Benchmark
    public float[] gruBackwardSimd() {
        Recurrent.gruBackward(batch, hidden, gates, 0, 4 * hidden, statePrev, 0, hidden, dh, 0, hidden,
                dPre3, 0, 3 * hidden, dPre, 0, 3 * hidden, dState, 0, hidden);
        return dPre3;
    }

    @Benchmark
    public float[] gruBackwardScalar() {
        ScalarRecurrent.gruBackward(batch, hidden, gates, 0, 4 * hidden, statePrev, 0, hidden, dh, 0, hidden,
                dPre3, 0, 3 * hidden, dPre, 0, 3 * hidden, dState, 0, hidden);
        return dPre3;
    }
}
