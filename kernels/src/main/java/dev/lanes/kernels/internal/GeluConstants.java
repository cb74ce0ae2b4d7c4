package dev.lanes.kernels.internal;

/**
 * The constants of the tanh-form GELU, shared by the scalar reference and the SIMD kernels so that both
 * compute the argument of the sigmoid with the same float operations (and so bit for bit the same).
 *
 * <p>GELU(z) = z/2 (1 + tanh(√(2/π) (z + A z³))) = z σ(t) with t = K z (1 + A z²), since
 * (1 + tanh u)/2 = σ(2u). Its derivative is σ(t) (1 + g (1 - σ(t))) with g = z t'(z) = K z (1 + 3A z²).
 */
public final class GeluConstants {

    /** 2 √(2/π). */
    public static final float K = 1.5957691216057308f;

    /** The cubic coefficient of the tanh approximation. */
    public static final float A = 0.044715f;

    /** 3 A, for the derivative. */
    public static final float A3 = 0.134145f;

    private GeluConstants() {
    }

    /** t = K z (1 + A z²), in float, the sigmoid's argument. */
    public static float t(float z) {
        return K * z * (1f + A * (z * z));
    }

    /** g = K z (1 + 3A z²), in float, the factor of the derivative. */
    public static float g(float z) {
        return K * z * (1f + A3 * (z * z));
    }
}
