package dev.lanes.bench.nn;

import dev.lanes.kernels.Kernels;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.optim.Optimizer;
import java.util.List;
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
 * One training step of the 784-256-128-10 ReLU/softmax MLP on a batch of 128: forward, softmax cross-entropy and
 * δᴸ, backward into the gradients, optimizer step, what {@code Trainer} does per batch minus the batch gather
 * and the accuracy count. The batch is already in its buffer: the step cycles through Fashion-MNIST cut into 468
 * batch buffers (see {@link MlpData} for why not one batch). Score: microseconds per step. The design goal is no
 * allocation per step: {@code -prof gc} should show gc.alloc.rate.norm ≈ 0 B/op.
 *
 * <p>{@code threads} is the kernels' thread count, set with {@link Kernels#setThreads} at the start of each
 * fork: the same pool {@code -Dlanes.threads=N} would start with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {ForkOptions.VECTOR_MODULE, ForkOptions.JMH_UNSAFE, ForkOptions.HEAP_MIN,
        ForkOptions.HEAP_MAX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainStepBench {

    /** Kernel threads, the benchmark thread included. */
    @Param({"1", "2"})
    public int threads;

    /** {@code sgd}, {@code momentum} (0.9), {@code nesterov} or {@code adam}: lanes' Optimizer.named. */
    @Param("sgd")
    public String optimizer;

    /** A directory of MNIST-layout IDX files, or {@code synthetic}. */
    @Param(MlpData.FASHION_MNIST)
    public String data;

    /** The learning rate of the benchmark recipe (use 0.01 for momentum and 0.001 for Adam). */
    @Param("0.1")
    public float learningRate;

    private float[][] batches;
    private Targets[] targets;
    private Workspace workspace;
    private List<Parameter> parameters;
    private Optimizer update;
    private int next;

    /** Loads the data, builds the network and its workspace, sets the kernel threads. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.setThreads(threads);
        MlpData d = MlpData.load(data, Mlp.BATCH, 1);
        batches = d.batches();
        int[][] labels = d.labels();
        targets = new Targets[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = Targets.labels(labels[i], 0);
        }
        Network network = Mlp.build(d.features(), d.classes());
        workspace = network.newWorkspace(Mlp.BATCH);
        parameters = network.trainableParameters();
        update = Optimizer.named(optimizer, 0f);
    }

    /** One step on the next batch; returns its loss (and fails the run if training diverged). */
    @Benchmark
    public float step() {
        int b = next;
        next = b + 1 == batches.length ? 0 : b + 1;
        workspace.forward(batches[b], Mlp.BATCH, dev.lanes.nn.Mode.TRAINING);
        float loss = workspace.lossAndDelta(targets[b]);
        workspace.backward(true);
        update.step(parameters, learningRate);
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("training diverged: loss " + loss + " at batch " + b);
        }
        return loss;
    }
}
