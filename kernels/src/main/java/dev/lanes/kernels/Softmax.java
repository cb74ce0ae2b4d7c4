package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarSoftmax;
import dev.lanes.kernels.simd.SimdSoftmax;

/**
 * Row-wise softmax, log-softmax and the softmax Jacobian-vector product, on row-major {@code rows x cols}
 * matrices (rows are examples). The row maximum is subtracted first, so no finite input overflows.
 *
 * <p>Special values follow from that definition: a row holding NaN or +∞ (where ∞ - ∞ = NaN) gives NaN in
 * the whole row; -∞ entries get probability 0 as long as the row has a finite entry; a row of only -∞ gives
 * NaN (as in PyTorch). Results are within a few ulp of the exact values (docs/numerics.md).
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * {@code y_ij = e^(x_ij - max_j x_ij) / Σ_k e^(x_ik - max)}. In place allowed (same array, offset and
     * stride).
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
     * @throws IllegalArgumentException on a negative size or offset, a too small stride, a null or too short
     *                                  array
     */
    public static void forward(int rows, int cols, float[] x, int xOffset, int ldx, float[] y, int yOffset, int ldy) {
        check(rows, cols, x, xOffset, ldx, y, yOffset, ldy);
        if (Simd.ENABLED) {
            SimdSoftmax.forward(rows, cols, x, xOffset, ldx, y, yOffset, ldy);
        } else {
            ScalarSoftmax.forward(rows, cols, x, xOffset, ldx, y, yOffset, ldy);
        }
    }

    /**
     * Log-softmax: {@code y_ij = (x_ij - max) - log Σ_k e^(x_ik - max)}. In place allowed.
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
     * @throws IllegalArgumentException on a negative size or offset, a too small stride, a null or too short
     *                                  array
     */
    public static void logForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                  float[] y, int yOffset, int ldy) {
        check(rows, cols, x, xOffset, ldx, y, yOffset, ldy);
        if (Simd.ENABLED) {
            SimdSoftmax.logForward(rows, cols, x, xOffset, ldx, y, yOffset, ldy);
        } else {
            ScalarSoftmax.logForward(rows, cols, x, xOffset, ldx, y, yOffset, ldy);
        }
    }

    /**
     * The Jacobian-vector product of softmax for any loss: given the outputs y and dLoss/dy, writes
     * {@code dz_ij = y_ij (dy_ij - Σ_k dy_ik y_ik)}. dz may alias dy (same array, offset and stride).
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
     * @throws IllegalArgumentException on a negative size or offset, a too small stride, a null or too short
     *                                  array
     */
    public static void backward(int rows, int cols, float[] y, int yOffset, int ldy, float[] dy, int dyOffset,
                                int lddy, float[] dz, int dzOffset, int lddz) {
        Checks.nonNegative("rows", rows);
        Checks.nonNegative("cols", cols);
        Checks.matrix("y", y, "yOffset", yOffset, "ldy", ldy, rows, cols, "rows x cols");
        Checks.matrix("dy", dy, "dyOffset", dyOffset, "lddy", lddy, rows, cols, "rows x cols");
        Checks.matrix("dz", dz, "dzOffset", dzOffset, "lddz", lddz, rows, cols, "rows x cols");
        if (Simd.ENABLED) {
            SimdSoftmax.backward(rows, cols, y, yOffset, ldy, dy, dyOffset, lddy, dz, dzOffset, lddz);
        } else {
            ScalarSoftmax.backward(rows, cols, y, yOffset, ldy, dy, dyOffset, lddy, dz, dzOffset, lddz);
        }
    }

    private static void check(int rows, int cols, float[] x, int xOffset, int ldx, float[] y, int yOffset, int ldy) {
        Checks.nonNegative("rows", rows);
        Checks.nonNegative("cols", cols);
        Checks.matrix("x", x, "xOffset", xOffset, "ldx", ldx, rows, cols, "rows x cols");
        Checks.matrix("y", y, "yOffset", yOffset, "ldy", ldy, rows, cols, "rows x cols");
    }
}
