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

    /**
     * See {@link dev.lanes.kernels.BatchNormalization#trainingForward}.
     *
     * @param rows rows of x and y, at least 2 (the unbiased variance divides by rows − 1)
     * @param cols columns: features or channels
     * @param x the input, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param gamma the scale γ, cols values
     * @param gammaOffset index of the first element of {@code gamma}
     * @param beta the shift β, cols values
     * @param betaOffset index of the first element of {@code beta}
     * @param eps added to the variance, finite and &gt; 0
     * @param momentum weight of the batch statistics in the running ones, in [0, 1]
     * @param runningMean cols values, updated
     * @param runningMeanOffset index of the first element of {@code runningMean}
     * @param runningVar cols values, updated
     * @param runningVarOffset index of the first element of {@code runningVar}
     * @param y the output, rows x cols with row stride ldy
     * @param yOffset index of the first element of {@code y}
     * @param ldy leading dimension of {@code y}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param savedMean receives the batch means, cols values
     * @param savedMeanOffset index of the first element of {@code savedMean}
     * @param savedInvStd receives {@code 1/sqrt(σ² + eps)}, cols values
     * @param savedInvStdOffset index of the first element of {@code savedInvStd}
     */
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

    /**
     * See {@link dev.lanes.kernels.BatchNormalization#inferenceForward}.
     *
     * @param rows rows of x and y (examples, or examples · pixels for images)
     * @param cols columns: features or channels, {@code >= 1}
     * @param x the input, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param gamma the scale γ, cols values
     * @param gammaOffset index of the first element of {@code gamma}
     * @param beta the shift β, cols values
     * @param betaOffset index of the first element of {@code beta}
     * @param eps added to the variance, finite and &gt; 0
     * @param runningMean the running means, cols values
     * @param runningMeanOffset index of the first element of {@code runningMean}
     * @param runningVar the running variances, cols values
     * @param runningVarOffset index of the first element of {@code runningVar}
     * @param y the output, rows x cols with row stride ldy
     * @param yOffset index of the first element of {@code y}
     * @param ldy leading dimension of {@code y}: the distance between the starts of two consecutive rows, at least
     *     its row length
     */
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

    /**
     * See {@link dev.lanes.kernels.BatchNormalization#backward}.
     *
     * @param rows rows of x and y (examples, or examples · pixels for images)
     * @param cols columns: features or channels, {@code >= 1}
     * @param x the input, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param dy the gradient to the output, rows x cols with row stride lddy
     * @param dyOffset index of the first element of {@code dy}
     * @param lddy leading dimension of {@code dy}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param gamma the scale γ, cols values
     * @param gammaOffset index of the first element of {@code gamma}
     * @param savedMean the batch means saved by the training forward pass, cols values
     * @param savedMeanOffset index of the first element of {@code savedMean}
     * @param savedInvStd {@code 1/sqrt(σ² + eps)} saved by the training forward pass, cols values
     * @param savedInvStdOffset index of the first element of {@code savedInvStd}
     * @param dx receives the gradient to the input, rows x cols with row stride lddx
     * @param dxOffset index of the first element of {@code dx}
     * @param lddx leading dimension of {@code dx}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param dgamma receives the gradient to γ, cols values
     * @param dgammaOffset index of the first element of {@code dgamma}
     * @param dbeta receives the gradient to β, cols values
     * @param dbetaOffset index of the first element of {@code dbeta}
     */
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

    /**
     * {@code 1 / sqrt(variance + eps)} in double, rounded once. Shared with the SIMD kernel.
     *
     * @param variance the biased batch variance σ², {@code >= 0}
     * @param eps added to the variance, &gt; 0
     * @return the inverse standard deviation, rounded to float
     */
    public static float invStd(double variance, float eps) {
        return (float) (1 / Math.sqrt(variance + eps));
    }

    /**
     * {@code (1 - momentum) running + momentum mean} in double, rounded once. Shared with the SIMD kernel.
     *
     * @param running the running statistic before the update
     * @param mean the batch mean
     * @param momentum weight of the batch statistic, in [0, 1]
     * @return the updated running mean
     */
    public static float runningMean(float running, double mean, float momentum) {
        return (float) ((1 - (double) momentum) * running + momentum * mean);
    }

    /**
     * {@code (1 - momentum) running + momentum unbiased}, the unbiased variance being
     * {@code squares / (rows - 1)} (as PyTorch keeps it), in double, rounded once. Shared with the SIMD kernel.
     *
     * @param running the running statistic before the update
     * @param squares the sum of squared deviations from the batch mean over the rows
     * @param rows rows of the batch, {@code >= 2}
     * @param momentum weight of the batch statistic, in [0, 1]
     * @return the updated running variance
     */
    public static float runningVar(float running, double squares, int rows, float momentum) {
        return (float) ((1 - (double) momentum) * running + momentum * (squares / (rows - 1)));
    }
}
