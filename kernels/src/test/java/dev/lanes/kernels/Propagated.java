package dev.lanes.kernels;

/**
 * A value and a bound on its error, carried to first order through the float operations a kernel performs, in
 * the kernel's order (the error analysis of docs/numerics.md, mechanised). Two kinds of bound:
 * <ul>
 *   <li>{@link #between two float computations} of the same operations whose inputs differ by at most the
 *       given errors (a SIMD kernel and its scalar reference): an operation on identical inputs gives
 *       identical floats, so it adds nothing; otherwise each side rounds once, adding
 *       {@code 2 u (|v| + e)} (plus two subnormal half-ulps);</li>
 *   <li>{@link #toExact between a float computation and the exact value}: every operation rounds, adding
 *       {@code u (|v| + e)} (plus a subnormal half-ulp).</li>
 * </ul>
 * Products of two errors are kept (they are not second-order when an input is a saturated gate), so the only
 * terms left out are of order u² relative.
 */
record Propagated(double value, double error, boolean twoSided) {

    private static final double U = FloatBounds.U;
    private static final double SUBNORMAL_HALF_ULP = 0x1p-150;

    /** An input both float computations share, or one of them computes with error at most {@code error}. */
    static Propagated between(double value, double error) {
        return new Propagated(value, error, true);
    }

    /** A float value (or input) whose distance from the exact value is at most {@code error}. */
    static Propagated toExact(double value, double error) {
        return new Propagated(value, error, false);
    }

    Propagated times(Propagated o) {
        return rounded(value * o.value, Math.abs(value) * o.error + Math.abs(o.value) * error + error * o.error);
    }

    Propagated plus(Propagated o) {
        return rounded(value + o.value, error + o.error);
    }

    Propagated minus(Propagated o) {
        return rounded(value - o.value, error + o.error);
    }

    /** {@code this * b + c} with one rounding, as {@link Math#fma} and the vector fma. */
    Propagated fma(Propagated b, Propagated c) {
        return rounded(value * b.value + c.value,
                Math.abs(value) * b.error + Math.abs(b.value) * error + error * b.error + c.error);
    }

    /** {@code 1 - this}. */
    Propagated oneMinus() {
        return rounded(1 - value, error);
    }

    /**
     * A function of this value, {@code y = f(value)}, with Lipschitz constant {@code lipschitz} (the input's
     * error passes through scaled by it) and its own error of {@code ulps} ulp of the float y: for two
     * computations the SIMD function's bound plus the reference's half ulp, to the exact value the reference's
     * half ulp.
     */
    Propagated apply(double y, double lipschitz, double ulps) {
        return new Propagated(y, lipschitz * error + ulps * KernelBounds.ulp((float) y), twoSided);
    }

    private Propagated rounded(double v, double e) {
        if (twoSided) {
            return new Propagated(v, e == 0 ? 0 : e + 2 * U * (Math.abs(v) + e) + 2 * SUBNORMAL_HALF_ULP, true);
        }
        return new Propagated(v, e + U * (Math.abs(v) + e) + SUBNORMAL_HALF_ULP, false);
    }
}
