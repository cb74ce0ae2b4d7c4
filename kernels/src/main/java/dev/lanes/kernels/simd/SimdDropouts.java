package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.internal.DropoutHash;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API dropout behind {@link dev.lanes.kernels.Dropouts}: {@link DropoutHash} on a vector of element
 * indices (32-bit lanes, as many as the float species), then {@code out = in · (kept ? scale : 0)}. The mask is
 * recomputed in the backward pass rather than stored (docs/convolution.md has the measurement). Arguments are
 * trusted.
 */
public final class SimdDropouts {

    private static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private SimdDropouts() {
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

    private static void apply(int n, float rate, long seed, long step, long firstIndex, float[] in, int inOffset,
                              float[] out, int outOffset) {
        long key = DropoutHash.key(seed, step);
        int k1 = (int) key;
        int k2 = (int) (key >>> 32);
        int threshold = DropoutHash.keepThreshold(rate);
        FloatVector scale = FloatVector.broadcast(F, DropoutHash.scale(rate));
        FloatVector zero = FloatVector.zero(F);
        IntVector iota = IntVector.zero(I).addIndex(1);
        int first = (int) firstIndex;
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            IntVector h = iota.add(first + i).mul(DropoutHash.GOLDEN).add(k1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(DropoutHash.M1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 15)).mul(DropoutHash.M2);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.XOR, k2);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(DropoutHash.M1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 15)).mul(DropoutHash.M2);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
            VectorMask<Float> keep = h.lanewise(VectorOperators.LSHR, 8).compare(VectorOperators.LT, threshold).cast(F);
            FloatVector.fromArray(F, in, inOffset + i, m).mul(zero.blend(scale, keep)).intoArray(out, outOffset + i, m);
        }
    }
}
