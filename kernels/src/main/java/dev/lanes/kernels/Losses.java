package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarLosses;
import dev.lanes.kernels.simd.SimdLosses;

/**
 * Losses of a batch and their gradients: each returns the per-example loss (summed over the outputs) averaged
 * over the {@code rows} examples, and writes {@code delta = dLoss/d(input)} (so the 1/rows is in delta). The
 * per-row work is vectorised; the total over rows is accumulated in double.
 */
public final class Losses {

    private Losses() {
    }

    /**
     * Softmax cross-entropy from logits z and class labels: returns the mean over rows of
     * {@code -log softmax(z)[label]}, computed as {@code log Σ e^(z - max) - (z_label - max)}, and writes
     * {@code delta = (softmax(z) - onehot(label)) / rows}. delta may alias logits (same array, offset, stride).
     *
     * @param rows rows (examples), {@code >= 1}
     * @param cols classes or outputs per row, {@code >= 1}
     * @param logits the pre-activations of the output layer, rows x cols
     * @param logitsOffset index of the first element of {@code logits}
     * @param ldLogits leading dimension of {@code logits}: the distance between the starts of two consecutive rows,
     *     at least its row length
     * @param labels the class of each row, in [0, cols), rows values
     * @param labelsOffset index of the first element of {@code labels}
     * @param delta receives {@code dC/dz} of the mean loss over the rows, rows x cols (may alias the logits or
     *     outputs)
     * @param deltaOffset index of the first element of {@code delta}
     * @param ldDelta leading dimension of {@code delta}: the distance between the starts of two consecutive rows, at
     *     least its row length
     * @return the mean loss over the rows
     * @throws IllegalArgumentException if rows or cols is below 1, a label is outside [0, cols) (naming its
     *                                  row and value), or an array, offset or stride is bad
     */
    public static float softmaxCrossEntropy(int rows, int cols, float[] logits, int logitsOffset, int ldLogits,
                                            int[] labels, int labelsOffset, float[] delta, int deltaOffset,
                                            int ldDelta) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        Checks.matrix("logits", logits, "logitsOffset", logitsOffset, "ldLogits", ldLogits, rows, cols,
                "rows x cols");
        Checks.vector("labels", labels, "labelsOffset", labelsOffset, rows);
        Checks.matrix("delta", delta, "deltaOffset", deltaOffset, "ldDelta", ldDelta, rows, cols, "rows x cols");
        for (int r = 0; r < rows; r++) {
            int label = labels[labelsOffset + r];
            if (label < 0 || label >= cols) {
                throw new IllegalArgumentException("label of row " + r + " must be in [0, " + cols + "), was "
                        + label);
            }
        }
        if (Simd.ENABLED) {
            return SimdLosses.softmaxCrossEntropy(rows, cols, logits, logitsOffset, ldLogits, labels, labelsOffset,
                    delta, deltaOffset, ldDelta);
        }
        return ScalarLosses.softmaxCrossEntropy(rows, cols, logits, logitsOffset, ldLogits, labels, labelsOffset,
                delta, deltaOffset, ldDelta);
    }

    /**
     * Binary cross-entropy on sigmoid outputs, from logits z and targets t in [0, 1], in the stable form:
     * returns the mean over rows of {@code Σ_j [max(z, 0) - z t + log(1 + e^-|z|)]} and writes
     * {@code delta = (σ(z) - t) / rows}. delta may alias logits (same array, offset, stride).
     *
     * @param rows rows (examples), {@code >= 1}
     * @param cols classes or outputs per row, {@code >= 1}
     * @param logits the pre-activations of the output layer, rows x cols
     * @param logitsOffset index of the first element of {@code logits}
     * @param ldLogits leading dimension of {@code logits}: the distance between the starts of two consecutive rows,
     *     at least its row length
     * @param targets the target of every output, rows x cols
     * @param targetsOffset index of the first element of {@code targets}
     * @param ldTargets leading dimension of {@code targets}: the distance between the starts of two consecutive
     *     rows, at least its row length
     * @param delta receives {@code dC/dz} of the mean loss over the rows, rows x cols (may alias the logits or
     *     outputs)
     * @param deltaOffset index of the first element of {@code delta}
     * @param ldDelta leading dimension of {@code delta}: the distance between the starts of two consecutive rows, at
     *     least its row length
     * @return the mean loss over the rows
     * @throws IllegalArgumentException if rows is below 1, cols negative, or an array, offset or stride is bad
     */
    public static float sigmoidBinaryCrossEntropy(int rows, int cols, float[] logits, int logitsOffset,
                                                  int ldLogits, float[] targets, int targetsOffset, int ldTargets,
                                                  float[] delta, int deltaOffset, int ldDelta) {
        Checks.positive("rows", rows);
        Checks.nonNegative("cols", cols);
        Checks.matrix("logits", logits, "logitsOffset", logitsOffset, "ldLogits", ldLogits, rows, cols,
                "rows x cols");
        Checks.matrix("targets", targets, "targetsOffset", targetsOffset, "ldTargets", ldTargets, rows, cols,
                "rows x cols");
        Checks.matrix("delta", delta, "deltaOffset", deltaOffset, "ldDelta", ldDelta, rows, cols, "rows x cols");
        if (Simd.ENABLED) {
            return SimdLosses.sigmoidBinaryCrossEntropy(rows, cols, logits, logitsOffset, ldLogits, targets,
                    targetsOffset, ldTargets, delta, deltaOffset, ldDelta);
        }
        return ScalarLosses.sigmoidBinaryCrossEntropy(rows, cols, logits, logitsOffset, ldLogits, targets,
                targetsOffset, ldTargets, delta, deltaOffset, ldDelta);
    }

    /**
     * Mean squared error from outputs a and targets t: returns the mean over rows of
     * {@code 0.5 Σ_j (a - t)²} (squares summed in double) and writes {@code delta = (a - t) / rows}; for a
     * non-identity output activation the caller then multiplies delta by f'(z) (BP1). delta may alias outputs.
     *
     * @param rows rows (examples), {@code >= 1}
     * @param cols classes or outputs per row, {@code >= 1}
     * @param outputs the network outputs a = f(z), rows x cols
     * @param outputsOffset index of the first element of {@code outputs}
     * @param ldOutputs leading dimension of {@code outputs}: the distance between the starts of two consecutive
     *     rows, at least its row length
     * @param targets the target of every output, rows x cols
     * @param targetsOffset index of the first element of {@code targets}
     * @param ldTargets leading dimension of {@code targets}: the distance between the starts of two consecutive
     *     rows, at least its row length
     * @param delta receives {@code dC/dz} of the mean loss over the rows, rows x cols (may alias the logits or
     *     outputs)
     * @param deltaOffset index of the first element of {@code delta}
     * @param ldDelta leading dimension of {@code delta}: the distance between the starts of two consecutive rows, at
     *     least its row length
     * @return the mean loss over the rows
     * @throws IllegalArgumentException if rows is below 1, cols negative, or an array, offset or stride is bad
     */
    public static float meanSquaredError(int rows, int cols, float[] outputs, int outputsOffset, int ldOutputs,
                                         float[] targets, int targetsOffset, int ldTargets,
                                         float[] delta, int deltaOffset, int ldDelta) {
        Checks.positive("rows", rows);
        Checks.nonNegative("cols", cols);
        Checks.matrix("outputs", outputs, "outputsOffset", outputsOffset, "ldOutputs", ldOutputs, rows, cols,
                "rows x cols");
        Checks.matrix("targets", targets, "targetsOffset", targetsOffset, "ldTargets", ldTargets, rows, cols,
                "rows x cols");
        Checks.matrix("delta", delta, "deltaOffset", deltaOffset, "ldDelta", ldDelta, rows, cols, "rows x cols");
        if (Simd.ENABLED) {
            return SimdLosses.meanSquaredError(rows, cols, outputs, outputsOffset, ldOutputs, targets,
                    targetsOffset, ldTargets, delta, deltaOffset, ldDelta);
        }
        return ScalarLosses.meanSquaredError(rows, cols, outputs, outputsOffset, ldOutputs, targets, targetsOffset,
                ldTargets, delta, deltaOffset, ldDelta);
    }
}
