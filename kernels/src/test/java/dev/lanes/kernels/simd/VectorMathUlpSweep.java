package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.internal.GeluConstants;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Measures the maximum error in ulp of the vector functions against double-precision references, over every
 * float of each function's relevant range (not a test: a main program, run once per machine and exp choice;
 * the numbers go to docs/numerics.md and into the test tolerances). Run from kernels/ after test-compile:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes \
 *      [-Dlanes.exp=polynomial] dev.lanes.kernels.simd.VectorMathUlpSweep [stride]
 * </pre>
 * A stride above 1 visits every stride-th float (for a quick look). The error of a result r against the exact
 * value e is |r - e| / ulp(float(e)); results that should be NaN or ±∞ must be exactly that. Errors are
 * reported over all results and over normal results (|e| &gt;= Float.MIN_NORMAL) separately, because a
 * subnormal result has fewer significant bits.
 */
public final class VectorMathUlpSweep {

    private VectorMathUlpSweep() {
    }

    public static void main(String[] args) {
        int stride = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        System.out.println("exp choice: " + VectorMath.CHOICE + ", " + F.vectorBitSize() + "-bit vectors, stride "
                + stride);
        sweep("expPolynomial", VectorMath::expPolynomial, Math::exp, -104.5f, 89f, stride);
        sweep("exp library (SVML)", v -> v.lanewise(VectorOperators.EXP), Math::exp, -104.5f, 89f, stride);
        sweep("expm1Polynomial", VectorMath::expm1Polynomial, Math::expm1, -104.5f, 89f, stride);
        sweep("log1pUnitPolynomial", VectorMath::log1pUnitPolynomial, Math::log1p, 0f, 1f, stride);
        sweep("tanhPolynomial", VectorMath::tanhPolynomial, Math::tanh, -10f, 10f, stride);
        sweep("sigmoid", VectorMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), -105f, 20f, stride);
        sweep("softplus", VectorMath::softplus, x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
                -105f, 30f, stride);
        sweep("silu", v -> ActivationVectors.timesSigmoid(v, v), x -> x / (1 + Math.exp(-x)), -105f, 30f, stride);
        sweep("gelu", ActivationVectors::gelu, x -> x / (1 + Math.exp(-(double) GeluConstants.t((float) x))),
                -15f, 15f, stride);
        sweep("softplus' = -expm1(-y)", ActivationVectors::softplusDerivative, y -> -Math.expm1(-y), 0f, 105f,
                stride);
    }

    /** Every stride-th float from lo to hi, in order. */
    static void sweep(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator reference, float lo, float hi,
                      int stride) {
        float[] x = new float[L];
        float[] y = new float[L];
        double maxUlp = 0;
        double maxNormalUlp = 0;
        float worst = Float.NaN;
        float worstNormal = Float.NaN;
        long count = 0;
        long to = ordinal(hi);
        for (long o = ordinal(lo); o <= to; o += (long) stride * L) {
            for (int l = 0; l < L; l++) {
                x[l] = fromOrdinal(Math.min(to, o + (long) l * stride));
            }
            f.apply(FloatVector.fromArray(F, x, 0)).intoArray(y, 0);
            for (int l = 0; l < L; l++) {
                double exact = reference.applyAsDouble(x[l]);
                float rounded = (float) exact;
                if (!Float.isFinite(rounded) || !Float.isFinite(y[l])) {
                    if (Float.compare(rounded, y[l]) != 0 && !(Float.isNaN(rounded) && Float.isNaN(y[l]))) {
                        throw new AssertionError(name + "(" + x[l] + ") = " + y[l] + ", expected " + rounded);
                    }
                    continue;
                }
                double ulp = Math.abs(y[l] - exact) / Math.ulp(rounded);
                if (ulp > maxUlp) {
                    maxUlp = ulp;
                    worst = x[l];
                }
                if (Math.abs(exact) >= Float.MIN_NORMAL && ulp > maxNormalUlp) {
                    maxNormalUlp = ulp;
                    worstNormal = x[l];
                }
                count++;
            }
        }
        System.out.printf("%-24s [%s, %s]: max %.3f ulp (at %s), normal results %.3f ulp (at %s); %d floats%n",
                name, lo, hi, maxUlp, worst, maxNormalUlp, worstNormal, count);
    }

    /** Floats in order as integers: -0 and +0 both map to 0 (so +0 is visited once). */
    static long ordinal(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fff_ffff) : bits;
    }

    static float fromOrdinal(long o) {
        return o < 0 ? Float.intBitsToFloat((int) -o | 0x8000_0000) : Float.intBitsToFloat((int) o);
    }
}
