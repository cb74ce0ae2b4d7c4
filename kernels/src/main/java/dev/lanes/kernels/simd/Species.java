package dev.lanes.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every SIMD kernel uses: the widest this CPU (and {@code -XX:MaxVectorSize}) allows,
 * fixed at class initialisation so the JIT sees a constant.
 */
public final class Species {

    /** The float species of all kernels. */
    public static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** Floats per vector: 16 on AVX-512, 8 on AVX2, 4 on NEON/SSE. */
    public static final int L = F.length();

    private Species() {
    }

    /** The vector width in bits of {@link #F}. */
    public static int preferredBits() {
        return F.vectorBitSize();
    }
}
