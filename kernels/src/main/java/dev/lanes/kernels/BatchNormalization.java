package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarBatchNormalization;
import dev.lanes.kernels.simd.SimdBatchNormalization;

/**
 * Batch normalization (Ioffe and Szegedy) over the columns of a {@code rows x cols} row-major matrix: each column
 * is one feature, normalized over the rows. The same kernel serves both cases of PyTorch: a flat batch
 * ({@code BatchNorm1d}: rows = batch, cols = features) and images ({@code BatchNorm2d}: an NHWC batch is a
 * {@code (batch · height · width) x channels} matrix, so the statistics are per channel over batch and pixels).
 *
 * <p>Training: {@code y = γ (x − μ) / sqrt(σ² + eps) + β} with the batch mean μ and the biased batch variance σ²
 * (divided by rows); the running statistics become {@code (1 − momentum) running + momentum batch}, the running
 * variance taking the unbiased variance (divided by rows − 1), as PyTorch does (its defaults: eps = 1e-5,
 * momentum = 0.1). Inference normalizes with the running statistics instead. Backward, from the μ and
 * {@code 1/sqrt(σ² + eps)} saved by the training forward, with x̂ = (x − μ) invStd:
 * <pre>
 * dβ = Σ_rows dy      dγ = Σ_rows dy x̂      dx = γ invStd (dy − dβ/rows − x̂ dγ/rows)
 * </pre>
 *
 * <p>Numerics: column sums run in double down the rows in a fixed order, so they are accurate to far below a
 * float ulp and the results are the same at any thread count; the per-column scalars are double expressions
 * rounded once; y is {@code fma(x − μ, γ invStd, β)} in float. The SIMD kernels do exactly the scalar
 * references' operations: results are bit-identical.
 */
public final class BatchNormalization {

    /** PyTorch's default eps. */
    public static final float DEFAULT_EPS = 1e-5f;

    /** PyTorch's default momentum of the running statistics. */
    public static final float DEFAULT_MOMENTUM = 0.1f;

    private BatchNormalization() {
    }

    /**
     * Training forward: normalizes x with its column statistics, updates the running statistics in place and
     * saves the mean and {@code invStd = 1/sqrt(σ² + eps)} (cols floats each) for {@link #backward}. y may be x
     * (same offset and stride); no other overlap.
     *
     * @param rows        rows of x and y, at least 2 (the unbiased variance divides by rows − 1)
     * @param cols        columns: features or channels
     * @param x           the input, rows x cols with row stride ldx
     * @param gamma       the scale γ, cols values
     * @param beta        the shift β, cols values
     * @param eps         added to the variance, finite and &gt; 0
     * @param momentum    weight of the batch statistics in the running ones, in [0, 1]
     * @param runningMean cols values, updated
     * @param runningVar  cols values, updated
     * @param y           the output, rows x cols with row stride ldy
     * @param savedMean   receives the batch means, cols values
     * @param savedInvStd receives {@code 1/sqrt(σ² + eps)}, cols values
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param gammaOffset index of the first element of {@code gamma}
     * @param betaOffset index of the first element of {@code beta}
     * @param runningMeanOffset index of the first element of {@code runningMean}
     * @param runningVarOffset index of the first element of {@code runningVar}
     * @param yOffset index of the first element of {@code y}
     * @param ldy leading dimension of {@code y}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param savedMeanOffset index of the first element of {@code savedMean}
     * @param savedInvStdOffset index of the first element of {@code savedInvStd}
     * @throws IllegalArgumentException if rows &lt; 2, cols &lt; 1, eps or momentum is out of range, an offset is
     *                                  negative, a stride too small, or an array null or too short
     */
    public static void trainingForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                       float[] gamma, int gammaOffset, float[] beta, int betaOffset,
                                       float eps, float momentum,
                                       float[] runningMean, int runningMeanOffset,
                                       float[] runningVar, int runningVarOffset,
                                       float[] y, int yOffset, int ldy,
                                       float[] savedMean, int savedMeanOffset,
                                       float[] savedInvStd, int savedInvStdOffset) {
        if (rows < 2) {
            throw new IllegalArgumentException("rows must be >= 2 in training (the variance of one value per column "
                    + "is undefined, as PyTorch says: expected more than 1 value per channel), was " + rows);
        }
        checkMatrix(rows, cols, "x", x, "xOffset", xOffset, "ldx", ldx);
        checkParameters(cols, gamma, gammaOffset, beta, betaOffset, eps);
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], was " + momentum);
        }
        Checks.vector("runningMean", runningMean, "runningMeanOffset", runningMeanOffset, cols);
        Checks.vector("runningVar", runningVar, "runningVarOffset", runningVarOffset, cols);
        checkMatrix(rows, cols, "y", y, "yOffset", yOffset, "ldy", ldy);
        Checks.vector("savedMean", savedMean, "savedMeanOffset", savedMeanOffset, cols);
        Checks.vector("savedInvStd", savedInvStd, "savedInvStdOffset", savedInvStdOffset, cols);
        if (Simd.ENABLED) {
            SimdBatchNormalization.trainingForward(rows, cols, x, xOffset, ldx, gamma, gammaOffset, beta, betaOffset,
                    eps, momentum, runningMean, runningMeanOffset, runningVar, runningVarOffset, y, yOffset, ldy,
                    savedMean, savedMeanOffset, savedInvStd, savedInvStdOffset);
        } else {
            ScalarBatchNormalization.trainingForward(rows, cols, x, xOffset, ldx, gamma, gammaOffset, beta,
                    betaOffset, eps, momentum, runningMean, runningMeanOffset, runningVar, runningVarOffset, y,
                    yOffset, ldy, savedMean, savedMeanOffset, savedInvStd, savedInvStdOffset);
        }
    }

    /**
     * Inference forward: {@code y = fma(x − runningMean, γ invStd, β)} with {@code invStd = 1/sqrt(runningVar +
     * eps)}. y may be x (same offset and stride); no other overlap.
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
     * @throws IllegalArgumentException if rows is negative, cols &lt; 1, eps is not finite and &gt; 0, an offset is
     *                                  negative, a stride too small, or an array null or too short
     */
    public static void inferenceForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                        float[] gamma, int gammaOffset, float[] beta, int betaOffset, float eps,
                                        float[] runningMean, int runningMeanOffset,
                                        float[] runningVar, int runningVarOffset,
                                        float[] y, int yOffset, int ldy) {
        Checks.nonNegative("rows", rows);
        checkMatrix(rows, cols, "x", x, "xOffset", xOffset, "ldx", ldx);
        checkParameters(cols, gamma, gammaOffset, beta, betaOffset, eps);
        Checks.vector("runningMean", runningMean, "runningMeanOffset", runningMeanOffset, cols);
        Checks.vector("runningVar", runningVar, "runningVarOffset", runningVarOffset, cols);
        checkMatrix(rows, cols, "y", y, "yOffset", yOffset, "ldy", ldy);
        if (Simd.ENABLED) {
            SimdBatchNormalization.inferenceForward(rows, cols, x, xOffset, ldx, gamma, gammaOffset, beta, betaOffset,
                    eps, runningMean, runningMeanOffset, runningVar, runningVarOffset, y, yOffset, ldy);
        } else {
            ScalarBatchNormalization.inferenceForward(rows, cols, x, xOffset, ldx, gamma, gammaOffset, beta,
                    betaOffset, eps, runningMean, runningMeanOffset, runningVar, runningVarOffset, y, yOffset, ldy);
        }
    }

    /**
     * Backward of the training forward: dx (overwritten), dγ and dβ (overwritten, cols values each) from the
     * forward's input x, the output gradient dy and the saved mean and invStd. dx may be dy (same offset and
     * stride); no other overlap.
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
     * @throws IllegalArgumentException if rows is negative, cols &lt; 1, an offset is negative, a stride too small,
     *                                  or an array null or too short
     */
    public static void backward(int rows, int cols, float[] x, int xOffset, int ldx,
                                float[] dy, int dyOffset, int lddy,
                                float[] gamma, int gammaOffset,
                                float[] savedMean, int savedMeanOffset, float[] savedInvStd, int savedInvStdOffset,
                                float[] dx, int dxOffset, int lddx,
                                float[] dgamma, int dgammaOffset, float[] dbeta, int dbetaOffset) {
        Checks.nonNegative("rows", rows);
        checkMatrix(rows, cols, "x", x, "xOffset", xOffset, "ldx", ldx);
        checkMatrix(rows, cols, "dy", dy, "dyOffset", dyOffset, "lddy", lddy);
        Checks.vector("gamma", gamma, "gammaOffset", gammaOffset, cols);
        Checks.vector("savedMean", savedMean, "savedMeanOffset", savedMeanOffset, cols);
        Checks.vector("savedInvStd", savedInvStd, "savedInvStdOffset", savedInvStdOffset, cols);
        checkMatrix(rows, cols, "dx", dx, "dxOffset", dxOffset, "lddx", lddx);
        Checks.vector("dgamma", dgamma, "dgammaOffset", dgammaOffset, cols);
        Checks.vector("dbeta", dbeta, "dbetaOffset", dbetaOffset, cols);
        if (Simd.ENABLED) {
            SimdBatchNormalization.backward(rows, cols, x, xOffset, ldx, dy, dyOffset, lddy, gamma, gammaOffset,
                    savedMean, savedMeanOffset, savedInvStd, savedInvStdOffset, dx, dxOffset, lddx, dgamma,
                    dgammaOffset, dbeta, dbetaOffset);
        } else {
            ScalarBatchNormalization.backward(rows, cols, x, xOffset, ldx, dy, dyOffset, lddy, gamma, gammaOffset,
                    savedMean, savedMeanOffset, savedInvStd, savedInvStdOffset, dx, dxOffset, lddx, dgamma,
                    dgammaOffset, dbeta, dbetaOffset);
        }
    }

    private static void checkMatrix(int rows, int cols, String name, float[] a, String offsetName, int offset,
                                    String ldName, int ld) {
        Checks.positive("cols", cols);
        Checks.matrix(name, a, offsetName, offset, ldName, ld, rows, cols, "rows x cols");
    }

    private static void checkParameters(int cols, float[] gamma, int gammaOffset, float[] beta, int betaOffset,
                                        float eps) {
        Checks.positiveFinite("eps", eps);
        Checks.vector("gamma", gamma, "gammaOffset", gammaOffset, cols);
        Checks.vector("beta", beta, "betaOffset", betaOffset, cols);
    }
}
