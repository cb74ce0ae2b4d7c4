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

    /** See {@link dev.lanes.kernels.Dropouts#forward}. */
    public static void forward(int n, float rate, long seed, long step, long firstIndex, float[] x, int xOffset,
                               float[] y, int yOffset) {
        apply(n, rate, seed, step, firstIndex, x, xOffset, y, yOffset);
    }

    /** See {@link dev.lanes.kernels.Dropouts#backward}. */
    public static void backward(int n, float rate, long seed, long step, long firstIndex, float[] dy, int dyOffset,
                                float[] dx, int dxOffset) {
        apply(n, rate, seed, step, firstIndex, dy, dyOffset, dx, dxOffset);
    }

    /** See {@link dev.lanes.kernels.Dropouts#kept}. */
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
