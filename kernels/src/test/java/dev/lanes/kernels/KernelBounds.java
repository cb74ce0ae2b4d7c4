package dev.lanes.kernels;

/**
 * Error bounds of the elementwise kernels, for comparing a SIMD result with its scalar reference; derived in
 * docs/numerics.md.
 *
 * <p>The ulp bounds {@code E_*} are the maxima measured by {@code dev.lanes.kernels.simd.VectorMathUlpSweep}
 * over every float of each function's range, against a double-precision reference, for both exp choices
 * (SVML and polynomial) at 512 bits, rounded up to the next half ulp. The references are those functions in
 * double rounded once to float, within 0.5 ulp of exact (the double error, below 2^-50 relative, is far below
 * a float ulp), so a SIMD result and its reference differ by at most {@code (E + 0.5) ulp}.
 */
final class KernelBounds {

    /** Unit roundoff of float. */
    static final double U = 0x1p-24;

    /** exp: polynomial 0.98 ulp, SVML 0.77 ulp (0.75 at 256 and 128 bits). */
    static final double E_EXP = 1.0;
    /** sigmoid = (x &gt;= 0 ? 1 : e) / (1 + e), e = exp(-|x|): 2.40 ulp with either exp. */
    static final double E_SIGMOID = 2.5;
    /** tanh (polynomial, from expm1): 2.42 ulp. */
    static final double E_TANH = 2.5;
    /** softplus = max(x, 0) + log1p(exp(-|x|)): 2.59 ulp with either exp. */
    static final double E_SOFTPLUS = 3.0;
    /** log1p(exp(-|x|)) is softplus for x &lt;= 0, the term of the binary cross-entropy. */
    static final double E_LOG1P_EXP = E_SOFTPLUS;
    /** -expm1(-y), softplus' from y: 0.87 ulp. */
    static final double E_SOFTPLUS_DERIVATIVE = 1.0;

    private KernelBounds() {
    }

    static double ulp(float x) {
        return Math.ulp(Float.isFinite(x) ? x : Float.MAX_VALUE);
    }

    /** gamma(k) = k u / (1 - k u): relative bound of a k-term float sum in any order. */
    static double gamma(int k) {
        return FloatBounds.gamma(k);
    }

    /**
     * Asserts {@code |actual - expected| <= bound}, or for a NaN or infinite expected value exact agreement
     * (any NaN matches NaN), except at the overflow threshold: when one result is infinite and the other is
     * finite, of the same sign and within the bound of {@code Float.MAX_VALUE}, both are accepted (a rounding
     * within the bound decided whether the float result overflowed).
     */
    static void assertClose(String what, float actual, float expected, double bound) {
        if (Float.isInfinite(expected) != Float.isInfinite(actual) && !Float.isNaN(actual)
                && Math.signum(expected) == Math.signum(actual)
                && Math.min(Math.abs(expected), Math.abs(actual)) + bound >= Float.MAX_VALUE) {
            return; // one result overflowed, the other stayed finite within the bound of Float.MAX_VALUE
        }
        if (!Float.isFinite(expected)) {
            if (Float.isNaN(expected) ? !Float.isNaN(actual) : actual != expected) {
                throw new AssertionError(what + " = " + actual + ", reference " + expected + " (must match exactly)");
            }
            return;
        }
        double error = Math.abs((double) actual - expected);
        if (!(error <= bound)) {
            throw new AssertionError(String.format("%s = %s, reference %s, |error| %.4g > bound %.4g (%.2f ulp)",
                    what, actual, expected, error, bound, error / ulp(expected)));
        }
    }

    /** Asserts bit-identical floats (NaN matches any NaN; -0 and +0 differ). */
    static void assertSame(String what, float actual, float expected) {
        if (Float.compare(actual, expected) != 0 && !(Float.isNaN(actual) && Float.isNaN(expected))) {
            throw new AssertionError(what + " = " + actual + ", reference " + expected + " (must be identical)");
        }
    }

    /** Asserts that {@code actual} and {@code expected} agree outside [offset, offset + n) exactly. */
    static void assertUntouchedOutside(String what, float[] actual, float[] expected, int offset, int n) {
        for (int i = 0; i < actual.length; i++) {
            if ((i < offset || i >= offset + n) && Float.compare(actual[i], expected[i]) != 0
                    && !(Float.isNaN(actual[i]) && Float.isNaN(expected[i]))) {
                throw new AssertionError(what + ": element " + i + " outside the written range changed");
            }
        }
    }
}
