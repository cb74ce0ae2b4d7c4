package dev.lanes.kernels.scalar;

/**
 * The reference losses: same signatures and semantics as {@link dev.lanes.kernels.Losses}, no argument checks.
 * Logit differences {@code z - max} are float operations as in the SIMD kernels; everything else is double,
 * rounded once to float.
 */
public final class ScalarLosses {

    private ScalarLosses() {
    }

    /** See {@link dev.lanes.kernels.Losses#softmaxCrossEntropy}. */
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

    /** See {@link dev.lanes.kernels.Losses#sigmoidBinaryCrossEntropy}. */
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

    /** See {@link dev.lanes.kernels.Losses#meanSquaredError}. */
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
