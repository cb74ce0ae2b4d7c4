package dev.lanes.kernels.scalar;

/**
 * The reference batch normalization over the columns of a {@code rows x cols} matrix: the definitions of
 * {@link dev.lanes.kernels.BatchNormalization} as plain loops, no argument checks.
 *
 * <p>Column sums run in double, down the rows in order; per-column scalars (mean, inverse standard deviation,
 * running statistics, the backward's means) are double expressions rounded once to float, in the
 * {@code public static} helpers below that the SIMD kernel calls too; the elementwise steps are the same float
 * operations in both. So the SIMD results are bit-identical to these.
 */
public final class ScalarBatchNormalization {

    private ScalarBatchNormalization() {
    }

    /** See {@link dev.lanes.kernels.BatchNormalization#trainingForward}. */
    public static void trainingForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                       float[] gamma, int gammaOffset, float[] beta, int betaOffset,
                                       float eps, float momentum,
                                       float[] runningMean, int runningMeanOffset,
                                       float[] runningVar, int runningVarOffset,
                                       float[] y, int yOffset, int ldy,
                                       float[] savedMean, int savedMeanOffset,
                                       float[] savedInvStd, int savedInvStdOffset) {
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += x[xOffset + r * ldx + c];
            }
            double mean = sum / rows;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[xOffset + r * ldx + c] - mean;
                squares = Math.fma(d, d, squares);
            }
            int rm = runningMeanOffset + c;
            int rv = runningVarOffset + c;
            runningMean[rm] = runningMean(runningMean[rm], mean, momentum);
            runningVar[rv] = runningVar(runningVar[rv], squares, rows, momentum);
            float m = (float) mean;
            float invStd = invStd(squares / rows, eps);
            savedMean[savedMeanOffset + c] = m;
            savedInvStd[savedInvStdOffset + c] = invStd;
            normalize(rows, x, xOffset + c, ldx, m, gamma[gammaOffset + c] * invStd, beta[betaOffset + c],
                    y, yOffset + c, ldy);
        }
    }

    /** See {@link dev.lanes.kernels.BatchNormalization#inferenceForward}. */
    public static void inferenceForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                        float[] gamma, int gammaOffset, float[] beta, int betaOffset, float eps,
                                        float[] runningMean, int runningMeanOffset,
                                        float[] runningVar, int runningVarOffset,
                                        float[] y, int yOffset, int ldy) {
        for (int c = 0; c < cols; c++) {
            float invStd = invStd(runningVar[runningVarOffset + c], eps);
            normalize(rows, x, xOffset + c, ldx, runningMean[runningMeanOffset + c], gamma[gammaOffset + c] * invStd,
                    beta[betaOffset + c], y, yOffset + c, ldy);
        }
    }

    /** See {@link dev.lanes.kernels.BatchNormalization#backward}. */
    public static void backward(int rows, int cols, float[] x, int xOffset, int ldx,
                                float[] dy, int dyOffset, int lddy,
                                float[] gamma, int gammaOffset,
                                float[] savedMean, int savedMeanOffset, float[] savedInvStd, int savedInvStdOffset,
                                float[] dx, int dxOffset, int lddx,
                                float[] dgamma, int dgammaOffset, float[] dbeta, int dbetaOffset) {
        for (int c = 0; c < cols; c++) {
            float mean = savedMean[savedMeanOffset + c];
            float invStd = savedInvStd[savedInvStdOffset + c];
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int r = 0; r < rows; r++) {
                float d = dy[dyOffset + r * lddy + c];
                float xhat = (x[xOffset + r * ldx + c] - mean) * invStd;
                sumDy += d;
                sumDyXhat = Math.fma(d, xhat, sumDyXhat);
            }
            dbeta[dbetaOffset + c] = (float) sumDy;
            dgamma[dgammaOffset + c] = (float) sumDyXhat;
            float meanDy = (float) (sumDy / rows);
            float meanDyXhat = (float) (sumDyXhat / rows);
            float scale = gamma[gammaOffset + c] * invStd;
            for (int r = 0; r < rows; r++) {
                float xhat = (x[xOffset + r * ldx + c] - mean) * invStd;
                float d = dy[dyOffset + r * lddy + c];
                dx[dxOffset + r * lddx + c] = (d - Math.fma(xhat, meanDyXhat, meanDy)) * scale;
            }
        }
    }

    private static void normalize(int rows, float[] x, int xIndex, int ldx, float mean, float scale, float shift,
                                  float[] y, int yIndex, int ldy) {
        for (int r = 0; r < rows; r++) {
            y[yIndex + r * ldy] = Math.fma(x[xIndex + r * ldx] - mean, scale, shift);
        }
    }

    /** {@code 1 / sqrt(variance + eps)} in double, rounded once. Shared with the SIMD kernel. */
    public static float invStd(double variance, float eps) {
        return (float) (1 / Math.sqrt(variance + eps));
    }

    /** {@code (1 - momentum) running + momentum mean} in double, rounded once. Shared with the SIMD kernel. */
    public static float runningMean(float running, double mean, float momentum) {
        return (float) ((1 - (double) momentum) * running + momentum * mean);
    }

    /**
     * {@code (1 - momentum) running + momentum unbiased}, the unbiased variance being
     * {@code squares / (rows - 1)} (as PyTorch keeps it), in double, rounded once. Shared with the SIMD kernel.
     */
    public static float runningVar(float running, double squares, int rows, float momentum) {
        return (float) ((1 - (double) momentum) * running + momentum * (squares / (rows - 1)));
    }
}
