package dev.lanes.nn.train;

import dev.lanes.kernels.Vectors;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.data.Dataset;

/**
 * One batch of a labelled data set through a network: copy the examples, forward, the loss and δᴸ (BP1), the
 * predicted classes. The loop that training and evaluation share; what follows (backward and a step, or a
 * confusion matrix) is theirs. Allocates only when built.
 */
final class BatchPass {

    final Workspace workspace;
    final int[] labels;
    final int[] predicted;
    private final float[] x;
    private final Targets targets;
    private final int classes;

    BatchPass(Network network, int maxBatch) {
        this.workspace = network.newWorkspace(maxBatch);
        this.x = new float[Math.multiplyExact(maxBatch, network.inputSize())];
        this.labels = new int[maxBatch];
        this.predicted = new int[maxBatch];
        this.targets = Targets.labels(labels, 0);
        this.classes = network.outputSize();
    }

    /**
     * Runs examples {@code order[from] .. order[from + count - 1]} (or {@code from ..} in order when
     * {@code order} is null) and returns their mean loss; {@link #labels} and {@link #predicted} then hold
     * their classes.
     */
    float run(Dataset data, int[] order, int from, int count, Mode mode) {
        if (order == null) {
            data.copyBatch(from, count, x, 0, labels, 0);
        } else {
            data.copyBatch(order, from, count, x, 0, labels, 0);
        }
        workspace.forward(x, count, mode);
        float loss = workspace.lossAndDelta(targets);
        Vectors.argmaxRows(count, classes, workspace.outputs(), 0, classes, predicted, 0);
        return loss;
    }

    /** The mean loss of the last run's {@code count} examples again, in inference mode, with today's parameters. */
    float rerun(int count) {
        workspace.forward(x, count, Mode.INFERENCE);
        return workspace.lossAndDelta(targets);
    }

    /** Checks that {@code data} fits {@code network}, naming both. */
    static void checkFits(Network network, Dataset data) {
        if (data.features() != network.inputSize()) {
            throw new IllegalArgumentException("the network expects inputs of " + network.inputShape() + " = "
                    + network.inputSize() + " floats, " + data.name() + " has " + data.features()
                    + " features per example");
        }
        if (data.classes() > network.outputSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.classes() + " classes, the network only "
                    + network.outputSize() + " outputs");
        }
    }
}
