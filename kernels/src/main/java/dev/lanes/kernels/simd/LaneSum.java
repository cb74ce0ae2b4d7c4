package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.VectorShuffle;

/**
 * The sum of a vector's lanes in one fixed order, for reductions that must give the same bits however the code
 * runs. {@code reduceLanes(ADD)} leaves the order unspecified, and it does differ between the Java fallback that
 * runs before C2 compiles a loop and the compiled intrinsic, so results would depend on JIT timing.
 *
 * <p>The caller stores its accumulator into {@link #floats()} ({@code acc.intoArray(lanes, 0)}) and calls
 * {@link #of(float[], int)}: no vector is passed to a method, because a vector crossing a call that C2 declines to
 * inline (as it does at the end of large kernels) is boxed on the heap every time.
 */
final class LaneSum {

    /**
     * The butterfly as shuffles, for summing in registers: {@code v = v.add(v.rearrange(FOLDS[s]))} for every s
     * leaves lane 0 holding exactly what {@link #of(float[], int)} returns.
     */
    static final VectorShuffle<Float>[] FOLDS = folds();

    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[4 * L]);
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[L]);

    private LaneSum() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] folds() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] folds = new VectorShuffle[steps];
        for (int s = 0, half = L / 2; s < steps; s++, half /= 2) {
            int h = half;
            // Lane i < h takes lane i + h; the lanes above h are don't-cares.
            folds[s] = VectorShuffle.fromOp(F, i -> i < h ? i + h : i);
        }
        return folds;
    }

    /** This thread's scratch for up to four float vectors' lanes. */
    static float[] floats() {
        return FLOATS.get();
    }

    /** This thread's scratch for a double vector's lanes. */
    static double[] doubles() {
        return DOUBLES.get();
    }

    /**
     * Σ of {@code lanes[offset : offset + L]}, pairing lane i with lane i + L/2, then i + L/4, and so on (a
     * butterfly); overwrites the scratch.
     */
    static float of(float[] lanes, int offset) {
        for (int half = L / 2; half >= 1; half /= 2) {
            for (int i = offset; i < offset + half; i++) {
                lanes[i] += lanes[i + half];
            }
        }
        return lanes[offset];
    }

    /** Σ of {@code lanes[0 : count]} for a power-of-two count, in the same butterfly order; overwrites it. */
    static double of(double[] lanes, int count) {
        for (int half = count / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                lanes[i] += lanes[i + half];
            }
        }
        return lanes[0];
    }
}
