package dev.lanes.bench.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Kernels;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.explain.Attribution;
import dev.lanes.nn.explain.Explainer;
import dev.lanes.nn.explain.Score;
import dev.lanes.nn.optim.Optimizer;
import dev.lanes.nn.train.Trainer;
import dev.lanes.nn.train.TrainingHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
 * Gradient saliency of 1000 images against one training epoch over 1000 images, on the 784-256-128-10
 * ReLU/softmax MLP: lanes aims for saliency maps that cost no more than about 1.5x the epoch. Both do one
 * forward and one backward pass per image; saliency skips the weight gradients (BP3/BP4) and the optimizer
 * but backpropagates one layer further, to the input. Integrated gradients with 8 steps (8000 rows) shows how
 * the batched methods scale. Score: milliseconds per 1000 images.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar SaliencyBench -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
        "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SaliencyBench {

    private static final int IMAGES = 1000;

    /** Kernel threads, the benchmark thread included. */
    @Param({"1", "2"})
    public int threads;

    /** {@code digits} (bundled) or a directory of MNIST-layout IDX files. */
    @Param("digits")
    public String data;

    /** The training epoch's mini-batch (the CLI's default). */
    @Param("128")
    public int trainBatch;

    /** Rows per forward/backward pass of the explainer. */
    @Param("256")
    public int explainBatch;

    private float[] images;
    private Dataset trainSet;
    private Explainer explainer;
    private Network trained;
    private Trainer trainer;

    /** Loads 1000 images of each split, builds the networks, the explainer and the trainer. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.setThreads(threads);
        DataSets.TrainTest sets;
        try {
            sets = DataSets.load(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] first = new int[IMAGES];
        Arrays.setAll(first, i -> i);
        trainSet = sets.train().subset(first);
        images = new float[IMAGES * sets.test().features()];
        sets.test().copyBatch(0, IMAGES, images, 0, null, 0);
        explainer = new Explainer(mlp(sets.test().features()), explainBatch);
        trained = mlp(trainSet.features());
        // A small constant rate: thousands of epochs over the same 1000 images must stay finite.
        trainer = Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(0.01f).epochs(1).batchSize(trainBatch)
                .seed(1).build();
    }

    private static Network mlp(int inputs) {
        return Network.builder().input(inputs).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).seed(42).build();
    }

    /** ∂logit/∂x of each image's predicted class: one forward and one backward pass per batch. */
    @Benchmark
    public Attribution gradientSaliency() {
        return explainer.gradient(images, IMAGES, Explainer.PREDICTED, Score.LOGIT);
    }

    /** One epoch of mini-batch SGD over 1000 training images: shuffle, forward, loss, backward, step. */
    @Benchmark
    public TrainingHistory trainingEpoch() {
        return trainer.fit(trained, trainSet, null);
    }

    /** Integrated gradients with 8 steps: 8000 path points through the network in batches. */
    @Benchmark
    public Attribution integratedGradients8() {
        return explainer.integratedGradients(images, IMAGES, Explainer.PREDICTED, Score.LOGIT, null, 8);
    }
}
