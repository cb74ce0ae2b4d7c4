package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Losses;

/** {@link Loss#MSE}: {@code ½‖a − y‖²}, δᴸ = (a − y) ⊙ f′(zᴸ) (BP1 as written). */
final class MeanSquaredError implements Loss {

    @Override
    public String id() {
        return "mse";
    }

    @Override
    public Activation outputActivation() {
        return null;
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
        float loss = Losses.meanSquaredError(rows, cols, a, 0, cols, y, offset, cols, delta, 0, cols);
        RowActivations.multiplyByDerivative(f, rows, cols, a, z, delta);
        return loss;
    }

    @Override
    public String toString() {
        return id();
    }
}
