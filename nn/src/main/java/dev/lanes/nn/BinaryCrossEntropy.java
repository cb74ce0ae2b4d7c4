package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Losses;

/** {@link Loss#BINARY_CROSS_ENTROPY}: sigmoid and binary cross-entropy from the logits, δᴸ = σ(z) − y. */
final class BinaryCrossEntropy implements Loss {

    @Override
    public String id() {
        return "binary_cross_entropy";
    }

    @Override
    public Activation outputActivation() {
        return Activation.SIGMOID;
    }

    @Override
    public float lossAndDelta(int rows, int cols, Activation f, float[] z, float[] a, Targets targets,
                              float[] scratch, float[] delta) {
        float[] y = targets.values();
        int offset = targets.offset();
        if (targets.isLabels()) {
            targets.oneHot(rows, cols, scratch);
            y = scratch;
            offset = 0;
        }
        return Losses.sigmoidBinaryCrossEntropy(rows, cols, z, 0, cols, y, offset, cols, delta, 0, cols);
    }

    @Override
    public String toString() {
        return id();
    }
}
