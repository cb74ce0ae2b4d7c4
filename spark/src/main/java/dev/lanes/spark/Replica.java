package dev.lanes.spark;

import dev.lanes.kernels.Vectors;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.io.ModelFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executor's copy of the network being trained, with its workspace and batch buffers: one per concurrently
 * running task, kept between steps so that a step allocates only its result. Its weights are overwritten
 * from the broadcast at the start of every task, so a replica carries nothing from one task to the next and a
 * retried task starts from the same state as the first attempt.
 */
final class Replica {

    /** Idle replicas per training run; only the most recent runs are kept. */
    private static final int RUNS_KEPT = 4;
    private static final Map<String, Deque<Replica>> IDLE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Replica>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    /** Rows evaluated at a time. */
    private static final int EVALUATION_BATCH = 256;

    final Network network;
    final List<Parameter> trainable;
    final float[][] gradients;
    final Workspace workspace;
    final float[] x;
    final int[] labels;
    final int[] predicted;
    final Targets targets;
    private Workspace evaluation;
    private int orderPartition = -1;
    private int orderEpoch = -1;
    private int[] order;

    private Replica(TrainingJob job) {
        try {
            this.network = ModelFile.fromBytes(job.modelFile.value(), "the network of training run " + job.runId)
                    .network();
        } catch (ModelFormatException e) {
            throw new UncheckedIOException("the broadcast network did not decode", e);
        }
        this.trainable = network.trainableParameters();
        this.gradients = new float[trainable.size()][];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = trainable.get(i).gradient();
        }
        int maxBatch = job.plan.maxSlice();
        this.workspace = network.newWorkspace(maxBatch);
        this.x = new float[Math.multiplyExact(Math.max(maxBatch, EVALUATION_BATCH), network.inputSize())];
        this.labels = new int[Math.max(maxBatch, EVALUATION_BATCH)];
        this.predicted = new int[labels.length];
        this.targets = Targets.labels(labels, 0);
    }

    /** An idle replica of {@code job}'s network, or a new one. */
    static Replica borrow(TrainingJob job) {
        synchronized (IDLE) {
            Deque<Replica> idle = IDLE.get(job.runId);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        return new Replica(job);
    }

    /** Returns a replica after a task that completed (a failed task's replica is dropped). */
    static void release(TrainingJob job, Replica replica) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(job.runId, k -> new ArrayDeque<>()).push(replica);
        }
    }

    /** Partition {@code partition}'s example order in {@code epoch}, computed once per epoch. */
    int[] order(StepPlan plan, int partition, int epoch) {
        if (partition != orderPartition || epoch != orderEpoch) {
            order = plan.order(partition, epoch);
            orderPartition = partition;
            orderEpoch = epoch;
        }
        return order;
    }

    /**
     * Forward, loss and backward of the first {@code count} examples in {@link #x} and {@link #labels}; returns
     * their mean loss and leaves the gradients in the trainable parameters and the predicted classes in
     * {@link #predicted}.
     */
    float trainingPass(int count) {
        workspace.forward(x, count, Mode.TRAINING);
        float loss = workspace.lossAndDelta(targets);
        int classes = network.outputSize();
        Vectors.argmaxRows(count, classes, workspace.outputs(), 0, classes, predicted, 0);
        workspace.backward(true);
        return loss;
    }

    /** Correct predictions among the first {@code count} labels after a pass. */
    int correct(int count) {
        int correct = 0;
        for (int i = 0; i < count; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** Loss sum and correct count over a shard's validation examples: {sum of losses, correct, examples}. */
    double[] evaluate(Shard shard) {
        if (evaluation == null) {
            evaluation = network.newWorkspace(EVALUATION_BATCH);
        }
        int d = shard.features;
        int classes = network.outputSize();
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < shard.validationSize; from += EVALUATION_BATCH) {
            int count = Math.min(EVALUATION_BATCH, shard.validationSize - from);
            System.arraycopy(shard.validationX, from * d, x, 0, count * d);
            System.arraycopy(shard.validationY, from, labels, 0, count);
            evaluation.forward(x, count, Mode.INFERENCE);
            lossSum += (double) evaluation.lossAndDelta(targets) * count;
            Vectors.argmaxRows(count, classes, evaluation.outputs(), 0, classes, predicted, 0);
            correct += correct(count);
        }
        return new double[] {lossSum, correct, shard.validationSize};
    }
}
