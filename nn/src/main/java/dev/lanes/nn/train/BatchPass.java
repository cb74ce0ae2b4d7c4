package dev.lanes.nn.train;

import dev.lanes.kernels.Vectors;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.data.Dataset;

/**
 * One batch of a data set through a network: copy the examples, forward, the loss and δᴸ (BP1), and how many
 * examples came out right: for a classification set those whose highest output is their label, for a
 * regression set those whose every output is within the set's tolerance of its target. The loop that training
 * and evaluation share; what follows (backward and a step, or the metrics) is theirs. Allocates only when
 * built.
 */
final class BatchPass {

    final Workspace workspace;
    final int maxBatch;
    /** The last batch's labels (classification) or null. */
    final int[] labels;
    /** The last batch's predicted classes (classification) or null. */
    final int[] predicted;
    /** The last batch's targets, {@code outputs} per example (regression) or null. */
    final float[] targetValues;
    /** Examples right in the last run. */
    int right;
    /** Σ (output − target)² over the last run's examples and outputs (regression; 0 for classification). */
    double squaredError;
    private final float[] x;
    private final Targets targets;
    private final int outputs;
    private final float tolerance;

    /** A pass for a classification set. */
    BatchPass(Network network, int maxBatch) {
        this(network, maxBatch, false, Float.NaN);
    }

    /** A pass for sets like {@code data}: classification or regression. */
    BatchPass(Network network, int maxBatch, Dataset data) {
        this(network, maxBatch, data.isRegression(), data.tolerance());
    }

    private BatchPass(Network network, int maxBatch, boolean regression, float tolerance) {
        this.workspace = network.newWorkspace(maxBatch);
        this.maxBatch = maxBatch;
        this.x = new float[Math.multiplyExact(maxBatch, network.inputSize())];
        this.outputs = network.outputSize();
        this.tolerance = tolerance;
        if (regression) {
            this.labels = null;
            this.predicted = null;
            this.targetValues = new float[Math.multiplyExact(maxBatch, outputs)];
            this.targets = Targets.values(targetValues, 0);
        } else {
            this.labels = new int[maxBatch];
            this.predicted = new int[maxBatch];
            this.targetValues = null;
            this.targets = Targets.labels(labels, 0);
        }
    }

    /**
     * Runs examples {@code order[from] .. order[from + count - 1]} (or {@code from ..} in order when
     * {@code order} is null) and returns their mean loss; {@link #right} (and {@link #labels} and
     * {@link #predicted}, or {@link #squaredError}) then describe them.
     */
    float run(Dataset data, int[] order, int from, int count, Mode mode) {
        int[] y = labels;
        if (order == null) {
            data.copyBatch(from, count, x, 0, y, 0);
        } else {
            data.copyBatch(order, from, count, x, 0, y, 0);
        }
        if (targetValues != null) {
            if (order == null) {
                data.copyTargets(from, count, targetValues, 0);
            } else {
                data.copyTargets(order, from, count, targetValues, 0);
            }
        }
        workspace.forward(x, count, mode);
        float loss = workspace.lossAndDelta(targets);
        float[] out = workspace.outputs();
        if (labels != null) {
            Vectors.argmaxRows(count, outputs, out, 0, outputs, predicted, 0);
            int r = 0;
            for (int i = 0; i < count; i++) {
                if (predicted[i] == labels[i]) {
                    r++;
                }
            }
            right = r;
        } else {
            measureRegression(out, count);
        }
        return loss;
    }

    /** {@link #right} and {@link #squaredError} of a regression batch. */
    private void measureRegression(float[] out, int count) {
        int r = 0;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            boolean within = true;
            for (int j = i * outputs; j < (i + 1) * outputs; j++) {
                double d = (double) out[j] - targetValues[j];
                sum += d * d;
                within &= Math.abs(d) <= tolerance;
            }
            if (within) {
                r++;
            }
        }
        right = r;
        squaredError = sum;
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
        if (data.isRegression()) {
            if (data.targetSize() != network.outputSize()) {
                throw new IllegalArgumentException(data.name() + " has " + data.targetSize() + " targets per example,"
                        + " the network " + network.outputSize() + " outputs");
            }
        } else if (data.classes() > network.outputSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.classes() + " classes, the network only "
                    + network.outputSize() + " outputs");
        }
    }
}
