package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Losses;

/** {@link Loss#CROSS_ENTROPY}: softmax and cross-entropy in one kernel from the logits, δᴸ = softmax(z) − y. */
final class SoftmaxCrossEntropy implements Loss {

    @Override
    public String id() {
        return "cross_entropy";
    }

    @Override
    public Activation outputActivation() {
        return Activation.SOFTMAX;
    }

    @Override
    public float lossAndDelta(int rows, int cols, Activation f, float[] z, float[] a, Targets targets,
                              float[] scratch, float[] delta) {
        if (!targets.isLabels()) {
            throw new IllegalArgumentException("cross_entropy compares with class labels, not real-valued targets");
        }
        return Losses.softmaxCrossEntropy(rows, cols, z, 0, cols, targets.labels(), targets.offset(), delta, 0, cols);
    }

    @Override
    public String toString() {
        return id();
    }
}
