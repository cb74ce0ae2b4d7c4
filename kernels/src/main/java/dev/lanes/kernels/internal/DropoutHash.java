package dev.lanes.kernels.internal;

/**
 * The counter-based random numbers of dropout, shared by the scalar reference and the SIMD kernel: whether
 * element i is kept is a pure function of (seed, step, i), so a mask does not depend on the thread count, on how
 * a batch is split, or on the order elements are visited.
 *
 * <p>A (seed, step) pair is first hashed to two 32-bit keys with the SplitMix64 finaliser; element i's 32 random
 * bits are then {@code mix(mix(i · φ + k1) ^ k2)}, with {@code mix} Wellons' "lowbias32" integer hash (two
 * multiply-xorshift rounds). Each step is a bijection of 32-bit words, so within a step the 2^32 indices get
 * 2^32 distinct words; only 32-bit multiplies, shifts and xors, which vectorize on every ISA. The element is kept
 * when the top 24 bits are below {@code round((1 - rate) 2^24)}: probability {@code 1 - rate} to within 2^-25.
 */
public final class DropoutHash {

    /** 2^32 / φ, odd: spreads consecutive indices. */
    public static final int GOLDEN = 0x9E3779B9;

    /** lowbias32's first multiplier. */
    public static final int M1 = 0x7feb352d;

    /** lowbias32's second multiplier. */
    public static final int M2 = 0x846ca68b;

    private DropoutHash() {
    }

    /** The 64 bits of (seed, step): SplitMix64's finaliser of a mix of both. */
    public static long key(long seed, long step) {
        return splitMix(seed + splitMix(step + 0x9E3779B97F4A7C15L));
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Wellons' lowbias32: a bijective 32-bit hash with low bias. */
    public static int mix(int x) {
        x ^= x >>> 16;
        x *= M1;
        x ^= x >>> 15;
        x *= M2;
        return x ^ (x >>> 16);
    }

    /** The 32 random bits of element {@code index} under {@code key}. */
    public static int bits(long key, int index) {
        return mix(mix(index * GOLDEN + (int) key) ^ (int) (key >>> 32));
    }

    /** Elements whose {@code bits >>> 8} is below this are kept: {@code round((1 - rate) 2^24)}. */
    public static int keepThreshold(float rate) {
        return (int) Math.round((1 - (double) rate) * (1 << 24));
    }

    /** The scale of kept elements, {@code 1 / (1 - rate)} rounded to float; 0 when rate is 1 (nothing kept). */
    public static float scale(float rate) {
        return rate == 1f ? 0f : (float) (1 / (1 - (double) rate));
    }
}
