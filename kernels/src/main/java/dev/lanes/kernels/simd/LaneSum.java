package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in one fixed order: a butterfly of lanewise adds (lane i with lane i ^ half,
 * then i ^ quarter, …). {@code reduceLanes(ADD)} leaves the order unspecified, and it does differ between the
 * Java fallback that runs before C2 compiles a loop and the compiled intrinsic, so results would depend on JIT
 * timing. Lanewise adds of the same pairs give the same bits in every mode: that keeps the kernels, and
 * training runs, bit-reproducible.
 */
final class LaneSum {

    private static final VectorShuffle<Float> F8 = L >= 16 ? swap(F, 8) : null;
    private static final VectorShuffle<Float> F4 = L >= 8 ? swap(F, 4) : null;
    private static final VectorShuffle<Float> F2 = swap(F, 2);
    private static final VectorShuffle<Float> F1 = swap(F, 1);

    private static final VectorSpecies<Double> D = SimdVectors.D;
    private static final int DL = D.length();
    private static final VectorShuffle<Double> D8 = DL >= 16 ? swap(D, 8) : null;
    private static final VectorShuffle<Double> D4 = DL >= 8 ? swap(D, 4) : null;
    private static final VectorShuffle<Double> D2 = DL >= 4 ? swap(D, 2) : null;
    private static final VectorShuffle<Double> D1 = swap(D, 1);

    private LaneSum() {
    }

    private static <E> VectorShuffle<E> swap(VectorSpecies<E> species, int distance) {
        return VectorShuffle.fromOp(species, i -> i ^ distance);
    }

    /** Σ lanes of {@code v}, the same bits interpreted or compiled. */
    static float of(FloatVector v) {
        if (L >= 16) {
            v = v.add(v.rearrange(F8));
        }
        if (L >= 8) {
            v = v.add(v.rearrange(F4));
        }
        v = v.add(v.rearrange(F2));
        return v.add(v.rearrange(F1)).lane(0);
    }

    /** Σ lanes of {@code v}, the same bits interpreted or compiled. */
    static double of(DoubleVector v) {
        if (DL >= 16) {
            v = v.add(v.rearrange(D8));
        }
        if (DL >= 8) {
            v = v.add(v.rearrange(D4));
        }
        if (DL >= 4) {
            v = v.add(v.rearrange(D2));
        }
        return v.add(v.rearrange(D1)).lane(0);
    }
}
