package dev.lanes.kernels.scalar;

/**
 * The reference softmax: same signatures and semantics as {@link dev.lanes.kernels.Softmax}, no argument
 * checks. The row max and the differences {@code x - max} are float operations (as in the SIMD kernel); the
 * exponentials, the sums and the normalisation are double, rounded once to float.
 */
public final class ScalarSoftmax {

    private ScalarSoftmax() {
    }

    /**
     * See {@link dev.lanes.kernels.Softmax#forward}.
     *
     * @param rows rows (examples), {@code >= 0}
     * @param cols values per row, {@code >= 1} when rows &gt; 0
     * @param x the logits, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param y receives the probabilities, rows x cols with row stride ldy (may be x)
     * @param yOffset index of the first element of {@code y}
     * @param ldy leading dimension of {@code y}: the distance between the starts of two consecutive rows, at least
     *     its row length
     */
    public static void forward(int rows, int cols, float[] x, int xOffset, int ldx, float[] y, int yOffset, int ldy) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * ldx;
            int yi = yOffset + r * ldy;
            float max = rowMax(cols, x, xi);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[xi + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                y[yi + j] = (float) (Math.exp(x[xi + j] - max) / sum);
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Softmax#logForward}.
     *
     * @param rows rows (examples), {@code >= 0}
     * @param cols values per row, {@code >= 1} when rows &gt; 0
     * @param x the logits, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param y receives the log-probabilities, rows x cols with row stride ldy (may be x)
     * @param yOffset index of the first element of {@code y}
     * @param ldy leading dimension of {@code y}: the distance between the starts of two consecutive rows, at least
     *     its row length
     */
    public static void logForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                  float[] y, int yOffset, int ldy) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * ldx;
            int yi = yOffset + r * ldy;
            float max = rowMax(cols, x, xi);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[xi + j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < cols; j++) {
                y[yi + j] = (float) ((x[xi + j] - max) - logSum);
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Softmax#backward}.
     *
     * @param rows rows (examples), {@code >= 0}
     * @param cols values per row, {@code >= 1} when rows &gt; 0
     * @param y the softmax outputs of the forward pass, rows x cols with row stride ldy
     * @param yOffset index of the first element of {@code y}
     * @param ldy leading dimension of {@code y}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param dy the gradient {@code dLoss/dy}, rows x cols with row stride lddy
     * @param dyOffset index of the first element of {@code dy}
     * @param lddy leading dimension of {@code dy}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param dz receives {@code dLoss/dz}, rows x cols with row stride lddz (may be dy)
     * @param dzOffset index of the first element of {@code dz}
     * @param lddz leading dimension of {@code dz}: the distance between the starts of two consecutive rows, at least
     *     its row length
     */
    public static void backward(int rows, int cols, float[] y, int yOffset, int ldy, float[] dy, int dyOffset,
                                int lddy, float[] dz, int dzOffset, int lddz) {
        for (int r = 0; r < rows; r++) {
            int yi = yOffset + r * ldy;
            int dyi = dyOffset + r * lddy;
            int dzi = dzOffset + r * lddz;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += (double) dy[dyi + j] * y[yi + j];
            }
            for (int j = 0; j < cols; j++) {
                dz[dzi + j] = (float) (y[yi + j] * (dy[dyi + j] - dot));
            }
        }
    }

    /** The row's maximum, NaN if it holds a NaN. */
    static float rowMax(int cols, float[] x, int xi) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[xi + j]);
        }
        return max;
    }
}
