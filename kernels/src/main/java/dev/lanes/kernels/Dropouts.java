package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarDropouts;
import dev.lanes.kernels.simd.SimdDropouts;

/**
 * Inverted dropout with a reproducible, counter-based mask. Element i of a call is kept with probability
 * {@code 1 - rate}, decided by a hash of {@code (seed, step, firstIndex + i)} alone (see
 * {@link #kept}): the same seed and step give the same mask at any thread count and however the batch is split,
 * as long as each piece passes the global index of its first element. Kept elements are scaled by
 * {@code 1 / (1 - rate)} (rounded to float), dropped ones multiplied by 0 (so NaN and ±∞ stay NaN, as in
 * PyTorch), which keeps the expected value: in inference dropout is the identity, and a layer then calls nothing.
 *
 * <p>A layer passes a fresh {@code step} per training batch (its step counter) and, for a batch of
 * {@code rows x features}, {@code firstIndex = firstRow · features}. The backward pass recomputes the mask from
 * the same arguments instead of storing it. Indices are taken modulo 2^32.
 */
public final class Dropouts {

    private Dropouts() {
    }

    /**
     * Training forward: {@code y[i] = x[i] · (kept(firstIndex + i) ? 1/(1 - rate) : 0)}. y may be x (same
     * offset); no other overlap.
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
     * @throws IllegalArgumentException if rate is not in [0, 1], n or an offset is negative, or an array is null
     *                                  or too short
     */
    public static void forward(int n, float rate, long seed, long step, long firstIndex, float[] x, int xOffset,
                               float[] y, int yOffset) {
        checkRate(rate);
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        Checks.vector("y", y, "yOffset", yOffset, n);
        if (Simd.ENABLED) {
            SimdDropouts.forward(n, rate, seed, step, firstIndex, x, xOffset, y, yOffset);
        } else {
            ScalarDropouts.forward(n, rate, seed, step, firstIndex, x, xOffset, y, yOffset);
        }
    }

    /**
     * Backward, with the forward's arguments: {@code dx[i] = dy[i] · (kept(firstIndex + i) ? 1/(1 - rate) : 0)}.
     * dx may be dy (same offset); no other overlap.
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
     * @throws IllegalArgumentException as {@link #forward}
     */
    public static void backward(int n, float rate, long seed, long step, long firstIndex, float[] dy, int dyOffset,
                                float[] dx, int dxOffset) {
        checkRate(rate);
        Checks.nonNegative("n", n);
        Checks.vector("dy", dy, "dyOffset", dyOffset, n);
        Checks.vector("dx", dx, "dxOffset", dxOffset, n);
        if (Simd.ENABLED) {
            SimdDropouts.backward(n, rate, seed, step, firstIndex, dy, dyOffset, dx, dxOffset);
        } else {
            ScalarDropouts.backward(n, rate, seed, step, firstIndex, dy, dyOffset, dx, dxOffset);
        }
    }

    /**
     * Whether element {@code index} is kept at this rate, seed and step: its 32 hash bits (see
     * {@code internal.DropoutHash}: SplitMix64 of (seed, step) keys a double lowbias32 of the index), top 24
     * below {@code round((1 - rate) 2^24)}.
     *
     * @param rate the probability of dropping an element, in [0, 1]
     * @param seed the seed of the mask
     * @param step the training step (a fresh one per batch)
     * @param index the global index of the element
     * @return true if the element is kept (scaled by {@code 1/(1 - rate)}), false if it is dropped
     * @throws IllegalArgumentException if rate is not in [0, 1]
     */
    public static boolean kept(float rate, long seed, long step, long index) {
        checkRate(rate);
        return ScalarDropouts.kept(rate, seed, step, index);
    }

    private static void checkRate(float rate) {
        if (!(rate >= 0f && rate <= 1f)) {
            throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
        }
    }
}
