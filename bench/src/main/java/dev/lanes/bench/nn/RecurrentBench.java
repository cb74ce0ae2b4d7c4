package dev.lanes.bench.nn;

import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Recurrent;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Shape;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.optim.Optimizer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The benchmark sequence classifier, {@code cell:128,dense:10} on 28 steps of 28 features (Fashion-MNIST read
 * row by row), at batch 128: {@link #forwardBackward} (forward, loss, backward into every gradient: the layer's
 * forward and backward plus a dense layer of 1 % of the work), {@link #trainStep} (the same plus the Adam step),
 * {@link #batch1Latency} (class probabilities of one sequence). And the parts of one time step, to say where a
 * step's time goes: {@link #recurrentGemm} ({@code G_t += h_{t−1} W_hhᵀ}, forward), {@link #recurrentGemmBackward}
 * ({@code dh_{t−1} += dG_t W_hh}), {@link #pointwiseForward} and {@link #pointwiseBackward} (the fused cell
 * kernels). Inputs are uniform in [0, 1) like scaled pixels; the arithmetic does not depend on them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkOptions.VECTOR_MODULE, ForkOptions.JMH_UNSAFE, ForkOptions.HEAP_MIN,
        ForkOptions.HEAP_MAX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecurrentBench {

    private static final int BATCH = 128;
    private static final int STEPS = 28;
    private static final int FEATURES = 28;
    private static final int UNITS = 128;
    private static final int CLASSES = 10;

    /** {@code lstm} or {@code gru}. */
    @Param({"lstm", "gru"})
    public String cell;

    /** Kernel threads, the benchmark thread included. */
    @Param({"1"})
    public int threads;

    private Workspace workspace;
    private Network network;
    private List<Parameter> parameters;
    private Optimizer adam;
    private Targets targets;
    private float[] batch;
    private float[] sequence;
    private int gates;
    private float[] h;
    private float[] weightHh;
    private float[] weightHhT;
    private float[] pre;
    private float[] act;
    private float[] c;
    private float[] cOut;
    private float[] hOut;
    private float[] dh;
    private float[] dPre;
    private float[] dPreHidden;
    private float[] dc;
    private float[] allX;
    private float[] allGates;
    private float[] allHidden;
    private float[] bias;
    private float[] dWeightIh;
    private float[] dWeightHh;

    /** Builds the network and the step buffers, sets the kernel threads. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.setThreads(threads);
        network = Network.builder().input(Shape.sequence(STEPS, FEATURES))
                .layers(cell + ":" + UNITS + "," + "dense:" + CLASSES).loss(Loss.CROSS_ENTROPY).seed(1).build();
        workspace = network.newWorkspace(BATCH);
        parameters = network.trainableParameters();
        adam = Optimizer.named("adam", 0f);
        SplittableRandom random = new SplittableRandom(7);
        batch = uniform(random, BATCH * STEPS * FEATURES);
        sequence = uniform(random, STEPS * FEATURES);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        targets = Targets.labels(labels, 0);
        gates = cell.equals("lstm") ? 4 : 3;
        h = uniform(random, BATCH * UNITS);
        weightHh = uniform(random, gates * UNITS * UNITS);
        weightHhT = new float[weightHh.length];
        for (int r = 0; r < gates * UNITS; r++) {
            for (int c = 0; c < UNITS; c++) {
                weightHhT[c * gates * UNITS + r] = weightHh[r * UNITS + c];
            }
        }
        pre = uniform(random, BATCH * 4 * UNITS);
        act = new float[BATCH * 4 * UNITS];
        c = uniform(random, BATCH * UNITS);
        cOut = new float[BATCH * UNITS];
        hOut = new float[BATCH * UNITS];
        dh = uniform(random, BATCH * UNITS);
        dPre = uniform(random, BATCH * 4 * UNITS);
        dPreHidden = new float[BATCH * 3 * UNITS];
        dc = uniform(random, BATCH * UNITS);
        allX = uniform(random, STEPS * BATCH * FEATURES);
        allGates = uniform(random, STEPS * BATCH * gates * UNITS);
        allHidden = uniform(random, STEPS * BATCH * UNITS);
        bias = uniform(random, gates * UNITS);
        dWeightIh = new float[gates * UNITS * FEATURES];
        dWeightHh = new float[gates * UNITS * UNITS];
        pointwiseForward(); // the activated gates backward reads
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble();
        }
        return v;
    }

    /** Forward, loss and backward of one batch of 128 sequences. */
    @Benchmark
    public float forwardBackward() {
        workspace.forward(batch, BATCH, dev.lanes.nn.Mode.TRAINING);
        float loss = workspace.lossAndDelta(targets);
        workspace.backward(true);
        return loss;
    }

    /** {@link #forwardBackward} and an Adam step: what training does per batch, less the batch gather. */
    @Benchmark
    public float trainStep() {
        float loss = forwardBackward();
        adam.step(parameters, 1e-6f);
        return loss;
    }

    /** Class probabilities of one 28-step sequence. */
    @Benchmark
    public float[] batch1Latency() {
        return network.predict(sequence);
    }

    /** One step's recurrent GEMM in forward: {@code G_t += h W_hhᵀ}, 128 x gates·128 x 128. */
    @Benchmark
    public float[] recurrentGemm() {
        Gemm.sgemm(false, true, BATCH, gates * UNITS, UNITS, 1f, h, 0, UNITS, weightHh, 0, UNITS, 1f, pre, 0,
                gates * UNITS);
        return pre;
    }

    /** {@link #recurrentGemm} on a transposed copy of W_hh ({@code H x gates·H}), so B is packed without gathers. */
    @Benchmark
    public float[] recurrentGemmTransposedWeights() {
        Gemm.sgemm(false, false, BATCH, gates * UNITS, UNITS, 1f, h, 0, UNITS, weightHhT, 0, gates * UNITS, 1f, pre,
                0, gates * UNITS);
        return pre;
    }

    /** One step's recurrent GEMM in backward: {@code dh_{t−1} += dG_t W_hh}, 128 x 128 x gates·128. */
    @Benchmark
    public float[] recurrentGemmBackward() {
        Gemm.sgemm(false, false, BATCH, UNITS, gates * UNITS, 1f, dPre, 0, gates * UNITS, weightHh, 0, UNITS, 1f,
                dh, 0, UNITS);
        return dh;
    }

    /** The input projection of all steps, {@code G = X W_ihᵀ + b}: 3584 x gates·128 x 28, bias in the epilogue. */
    @Benchmark
    public float[] inputGemm() {
        Gemm.sgemm(false, true, STEPS * BATCH, gates * UNITS, FEATURES, 1f, allX, 0, FEATURES, weightHh, 0,
                FEATURES, 0f, allGates, 0, gates * UNITS, bias, 0, dev.lanes.kernels.Activation.IDENTITY);
        return allGates;
    }

    /** {@code ∂C/∂W_ih = dGᵀ X} over all steps: gates·128 x 28 x 3584. */
    @Benchmark
    public float[] inputWeightGradient() {
        Gemm.sgemm(true, false, gates * UNITS, FEATURES, STEPS * BATCH, 1f, allGates, 0, gates * UNITS, allX, 0,
                FEATURES, 0f, dWeightIh, 0, FEATURES);
        return dWeightIh;
    }

    /** {@code ∂C/∂W_hh = dGᵀ H_prev} over steps 1 … 27: gates·128 x 128 x 3456. */
    @Benchmark
    public float[] recurrentWeightGradient() {
        Gemm.sgemm(true, false, gates * UNITS, UNITS, (STEPS - 1) * BATCH, 1f, allGates, BATCH * gates * UNITS,
                gates * UNITS, allHidden, 0, UNITS, 0f, dWeightHh, 0, UNITS);
        return dWeightHh;
    }

    /** One step's fused pointwise kernel in forward. */
    @Benchmark
    public float[] pointwiseForward() {
        if (gates == 4) {
            Recurrent.lstmForward(BATCH, UNITS, pre, 0, 4 * UNITS, c, 0, UNITS, act, 0, 4 * UNITS, cOut, 0, UNITS,
                    hOut, 0, UNITS);
        } else {
            Recurrent.gruForward(BATCH, UNITS, pre, 0, 4 * UNITS, dPre, 0, 4 * UNITS, h, 0, UNITS, act, 0,
                    4 * UNITS, hOut, 0, UNITS);
        }
        return hOut;
    }

    /** One step's fused pointwise kernel in backward. */
    @Benchmark
    public float[] pointwiseBackward() {
        if (gates == 4) {
            Recurrent.lstmBackward(BATCH, UNITS, act, 0, 4 * UNITS, c, 0, UNITS, cOut, 0, UNITS, dh, 0, UNITS,
                    dc, 0, UNITS, dPre, 0, 4 * UNITS, dc, 0, UNITS);
        } else {
            Recurrent.gruBackward(BATCH, UNITS, act, 0, 4 * UNITS, h, 0, UNITS, dh, 0, UNITS, dPre, 0, 4 * UNITS,
                    dPreHidden, 0, 3 * UNITS, dh, 0, UNITS);
        }
        return dPre;
    }
}
