package dev.lanes.kernels.simd;

import dev.lanes.kernels.simd.VectorFunctions.Function;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Both implementations of each vector function (the polynomial and the JDK library), whichever this machine
 * uses, against {@link Math} in double on random floats of the function's range and on the special values.
 * Bounds: the maxima measured over all floats by {@link VectorMathUlpSweep}, rounded up to the next half ulp
 * (exp 1.0: polynomial 0.98, SVML 0.77; expm1 1.5: 1.44; log1p on [0, 1] 2.0: 1.81; tanh 2.5: 2.42), and the
 * library's functions within 1 ulp (SVML's "high accuracy" variants, measured 0.77 for exp). NaN, ±∞,
 * overflow to +∞ and underflow to 0 must match exactly.
 */
@Tag("simd")
class VectorMathProperties {

    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 88.72283f, 88.72284f, 89f, 100f, -87.33655f,
            -103.97f, -103.98f, -104f, -150f, 1e-30f, -1e-30f, Float.MAX_VALUE, -Float.MAX_VALUE, 9.1f, -9.1f,
            17.5f, -17.5f, 0.34657f, -0.34657f, 1f};

    @Property(tries = 1000)
    void polynomialsWithinMeasuredBounds(@ForAll @IntRange(max = 3) int scaleChoice, @ForAll Random random) {
        float scale = new float[] {1f, 10f, 90f, 110f}[scaleChoice];
        float[] x = values(random, scale);
        check(Function.EXP_POLYNOMIAL, Math::exp, x, 1.0);
        check(Function.EXPM1_POLYNOMIAL, Math::expm1, x, 1.5);
        check(Function.TANH_POLYNOMIAL, Math::tanh, x, 2.5);
        float[] unit = new float[x.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = Float.isNaN(x[i]) ? x[i] : Math.min(1f, Math.abs(x[i]) / scale);
        }
        check(Function.LOG1P_UNIT_POLYNOMIAL, Math::log1p, unit, 2.0);
    }

    @Property(tries = 300)
    void libraryWithinOneUlp(@ForAll @IntRange(max = 3) int scaleChoice, @ForAll Random random) {
        float scale = new float[] {1f, 10f, 90f, 110f}[scaleChoice];
        float[] x = values(random, scale);
        check(Function.EXP_LIBRARY, Math::exp, x, 1.0);
        check(Function.EXPM1_LIBRARY, Math::expm1, x, 1.0);
        check(Function.TANH_LIBRARY, Math::tanh, x, 1.0);
    }

    /** 4 vectors of uniform values in [-scale, scale], a quarter of them replaced by special values. */
    private static float[] values(Random random, float scale) {
        float[] x = new float[4 * VectorFunctions.lanes()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : (random.nextFloat() * 2 - 1) * scale;
        }
        return x;
    }

    private static void check(Function name, DoubleUnaryOperator reference, float[] x, double ulps) {
        float[] y = VectorFunctions.apply(name, x);
        for (int i = 0; i < x.length; i++) {
            double exact = reference.applyAsDouble(x[i]);
            float rounded = (float) exact;
            if (!Float.isFinite(rounded) || rounded == 0f) {
                boolean same = Float.compare(rounded, y[i]) == 0 || (Float.isNaN(rounded) && Float.isNaN(y[i]))
                        || (rounded == 0f && Math.abs(y[i] - exact) <= ulps * Float.MIN_VALUE);
                if (!same) {
                    throw new AssertionError(name + "(" + x[i] + ") = " + y[i] + ", expected " + rounded);
                }
                continue;
            }
            double error = Math.abs(y[i] - exact) / Math.ulp(rounded);
            if (!(error <= ulps)) {
                throw new AssertionError(name + "(" + x[i] + ") = " + y[i] + ", exact " + exact + ": " + error
                        + " ulp > " + ulps);
            }
        }
    }
}
