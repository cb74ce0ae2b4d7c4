package dev.lanes.kernels.scalar;

import dev.lanes.kernels.internal.DropoutHash;

/**
 * The reference dropout: the definitions of {@link dev.lanes.kernels.Dropouts} as plain loops over
 * {@link DropoutHash}, no argument checks. The SIMD kernel computes the same 32-bit hashes and the same float
 * product, so results are bit-identical.
 */
public final class ScalarDropouts {

    private ScalarDropouts() {
    }

    /**
     * See {@link dev.lanes.kernels.Dropouts#forward}.
     *
     * @param n number of elements, {@code >= 0}
     * @param rate the probability of dropping an element, in [0, 1]
     * @param seed the seed of the mask
     * @param step the training step (a fresh one per batch)
     * @param firstIndex the global index of element 0 of this piece of the batch
     * @param x the input, n values
     * @param xOffset index of the first element of {@code x}
     * @param y receives the output, n values
     * @param yOffset index of the first element of {@code y}
     */
    public static void forward(int n, float rate, long seed, long step, long firstIndex, float[] x, int xOffset,
                               float[] y, int yOffset) {
        apply(n, rate, seed, step, firstIndex, x, xOffset, y, yOffset);
    }

    /**
     * See {@link dev.lanes.kernels.Dropouts#backward}.
     *
     * @param n number of elements, {@code >= 0}
     * @param rate the probability of dropping an element, in [0, 1]
     * @param seed the seed of the mask
     * @param step the training step (a fresh one per batch)
     * @param firstIndex the global index of element 0 of this piece of the batch
     * @param dy the gradient to the output, n values
     * @param dyOffset index of the first element of {@code dy}
     * @param dx receives the gradient to the input, n values
     * @param dxOffset index of the first element of {@code dx}
     */
    public static void backward(int n, float rate, long seed, long step, long firstIndex, float[] dy, int dyOffset,
                                float[] dx, int dxOffset) {
        apply(n, rate, seed, step, firstIndex, dy, dyOffset, dx, dxOffset);
    }

    /**
     * See {@link dev.lanes.kernels.Dropouts#kept}.
     *
     * @param rate the probability of dropping an element, in [0, 1]
     * @param seed the seed of the mask
     * @param step the training step (a fresh one per batch)
     * @param index the global index of the element
     * @return true if the element is kept (scaled by {@code 1/(1 - rate)}), false if it is dropped
     */
    public static boolean kept(float rate, long seed, long step, long index) {
        return DropoutHash.bits(DropoutHash.key(seed, step), (int) index) >>> 8 < DropoutHash.keepThreshold(rate);
    }

    private static void apply(int n, float rate, long seed, long step, long firstIndex, float[] in, int inOffset,
                              float[] out, int outOffset) {
        long key = DropoutHash.key(seed, step);
        int threshold = DropoutHash.keepThreshold(rate);
        float scale = DropoutHash.scale(rate);
        int first = (int) firstIndex;
        for (int i = 0; i < n; i++) {
            boolean keep = DropoutHash.bits(key, first + i) >>> 8 < threshold;
            out[outOffset + i] = in[inOffset + i] * (keep ? scale : 0f);
        }
    }
}
