package dev.lanes.kernels.scalar;

/**
 * The reference losses: same signatures and semantics as {@link dev.lanes.kernels.Losses}, no argument checks.
 * Logit differences {@code z - max} are float operations as in the SIMD kernels; everything else is double,
 * rounded once to float.
 */
public final class ScalarLosses {

    private ScalarLosses() {
    }

    /**
     * See {@link dev.lanes.kernels.Losses#softmaxCrossEntropy}.
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
     */
    public static float softmaxCrossEntropy(int rows, int cols, float[] logits, int logitsOffset, int ldLogits,
                                            int[] labels, int labelsOffset, float[] delta, int deltaOffset,
                                            int ldDelta) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int zi = logitsOffset + r * ldLogits;
            int di = deltaOffset + r * ldDelta;
            int label = labels[labelsOffset + r];
            float max = ScalarSoftmax.rowMax(cols, logits, zi);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(logits[zi + j] - max);
            }
            loss += Math.log(sum) - (logits[zi + label] - max);
            for (int j = 0; j < cols; j++) {
                double p = Math.exp(logits[zi + j] - max) / sum;
                delta[di + j] = (float) ((p - (j == label ? 1 : 0)) / rows);
            }
        }
        return (float) (loss / rows);
    }

    /**
     * See {@link dev.lanes.kernels.Losses#sigmoidBinaryCrossEntropy}.
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
     */
    public static float sigmoidBinaryCrossEntropy(int rows, int cols, float[] logits, int logitsOffset,
                                                  int ldLogits, float[] targets, int targetsOffset, int ldTargets,
                                                  float[] delta, int deltaOffset, int ldDelta) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int zi = logitsOffset + r * ldLogits;
            int ti = targetsOffset + r * ldTargets;
            int di = deltaOffset + r * ldDelta;
            for (int j = 0; j < cols; j++) {
                double z = logits[zi + j];
                double t = targets[ti + j];
                double e = Math.exp(-Math.abs(z));
                loss += Math.max(z, 0) - z * t + Math.log1p(e);
                double sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                delta[di + j] = (float) ((sigmoid - t) / rows);
            }
        }
        return (float) (loss / rows);
    }

    /**
     * See {@link dev.lanes.kernels.Losses#meanSquaredError}.
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
     */
    public static float meanSquaredError(int rows, int cols, float[] outputs, int outputsOffset, int ldOutputs,
                                         float[] targets, int targetsOffset, int ldTargets,
                                         float[] delta, int deltaOffset, int ldDelta) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int ai = outputsOffset + r * ldOutputs;
            int ti = targetsOffset + r * ldTargets;
            int di = deltaOffset + r * ldDelta;
            for (int j = 0; j < cols; j++) {
                float d = outputs[ai + j] - targets[ti + j];
                loss += (double) d * d;
                delta[di + j] = d / rows;
            }
        }
        return (float) (0.5 * loss / rows);
    }
}
