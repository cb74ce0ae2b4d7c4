package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.E_SIGMOID;
import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.assertSame;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.internal.GeluConstants;
import dev.lanes.kernels.scalar.ScalarActivations;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Activations against their scalar references over random lengths, offsets, in-place use and special values.
 * Tolerances (docs/numerics.md):
 * <ul>
 *   <li>identity, ReLU, leaky ReLU and the derivatives from y of ReLU, leaky ReLU, sigmoid and tanh: the same
 *       float operations, so identical results;</li>
 *   <li>sigmoid, tanh, softplus: (E + 0.5) ulp, E the swept bound of the vector function, 0.5 the
 *       reference's rounding;</li>
 *   <li>SiLU, GELU = z σ(t), t computed identically: |z| E_σ ulp(σ(t)) (σ's error scaled by z) plus the
 *       product's rounding in both (0.5 + 0.5 ulp);</li>
 *   <li>softplus' = -expm1(-y): |δ| (E + 0.5) ulp(f') plus one ulp of the product for the two roundings;</li>
 *   <li>SiLU', GELU' = s (1 + g (1 - s)), s = σ(t), g computed identically: with ŝ = s + ε, |ε| &lt;=
 *       e_s = E_σ ulp(s), first-order error propagation through 1 - s, g (1 - s), 1 + ..., s (...) gives
 *       e_s (|1 + g (1 - s)| + |s g|) + 2u (|s g (1 - s)| + |f'|); then the reference's rounding of f'
 *       (0.5 ulp) and the product with δ in both (1 ulp). Second-order terms are below u² and covered by
 *       rounding the ulp bounds up. One special case: where f' is below the normal range the kernel's float
 *       σ(t) has underflowed to 0, so an infinite δ gives NaN (∞ · 0) where the reference gives ±∞.</li>
 * </ul>
 */
@Tag("simd")
class ActivationsProperties {

    @Property(tries = 1000)
    void forwardMatchesReference(@ForAll("elementwise") Activation f, @ForAll("lengths") int n,
                                 @ForAll @IntRange(max = 7) int xOffset, @ForAll @IntRange(max = 7) int yOffset,
                                 @ForAll boolean inPlace, @ForAll Random random) {
        float[] values = Inputs.values(random, n);
        float[] x = Inputs.padded(values, xOffset, 3, random);
        float[] actual;
        float[] expected;
        int yo;
        if (inPlace) {
            actual = x.clone();
            expected = x.clone();
            yo = xOffset;
            Activations.forward(f, n, actual, xOffset, actual, yo);
            ScalarActivations.forward(f, n, expected, xOffset, expected, yo);
        } else {
            float[] y = Inputs.padded(new float[n], yOffset, 3, random);
            actual = y.clone();
            expected = y.clone();
            yo = yOffset;
            Activations.forward(f, n, x, xOffset, actual, yo);
            ScalarActivations.forward(f, n, x, xOffset, expected, yo);
        }
        for (int i = 0; i < n; i++) {
            float z = values[i];
            float a = actual[yo + i];
            float e = expected[yo + i];
            String what = f + "(" + z + ") at " + i + " of " + n;
            switch (f.kind()) {
                case IDENTITY, RELU, LEAKY_RELU -> assertSame(what, a, e);
                case SIGMOID -> assertClose(what, a, e, (E_SIGMOID + 0.5) * ulp(e));
                case TANH -> assertClose(what, a, e, (KernelBounds.E_TANH + 0.5) * ulp(e));
                case SOFTPLUS -> assertClose(what, a, e, (KernelBounds.E_SOFTPLUS + 0.5) * ulp(e));
                case GELU, SILU -> {
                    float t = f.kind() == Activation.Kind.GELU ? GeluConstants.t(z) : z;
                    float sigmoid = (float) (1 / (1 + Math.exp(-(double) t)));
                    double bound = Math.abs(z) * E_SIGMOID * ulp(sigmoid) + Math.max(ulp(a), ulp(e));
                    assertClose(what, a, e, bound);
                }
                case SOFTMAX -> throw new AssertionError("not elementwise");
            }
        }
        KernelBounds.assertUntouchedOutside(f + " forward", actual, expected, yo, n);
    }

    @Property(tries = 1000)
    void derivativeMatchesReference(@ForAll("elementwise") Activation f, @ForAll("lengths") int n,
                                    @ForAll @IntRange(max = 7) int savedOffset,
                                    @ForAll @IntRange(max = 7) int deltaOffset, @ForAll Random random) {
        float[] savedValues = f.derivativeFromOutput() && random.nextBoolean()
                ? outputsOf(f, Inputs.values(random, n)) : Inputs.values(random, n);
        float[] deltaValues = Inputs.values(random, n);
        float[] saved = Inputs.padded(savedValues, savedOffset, 3, random);
        float[] delta = Inputs.padded(deltaValues, deltaOffset, 3, random);
        float[] actual = delta.clone();
        float[] expected = delta.clone();
        Activations.multiplyByDerivative(f, n, saved, savedOffset, actual, deltaOffset);
        ScalarActivations.multiplyByDerivative(f, n, saved, savedOffset, expected, deltaOffset);
        for (int i = 0; i < n; i++) {
            float s = savedValues[i];
            float d = deltaValues[i];
            float a = actual[deltaOffset + i];
            float e = expected[deltaOffset + i];
            String what = f + "'(" + s + ") * " + d + " at " + i + " of " + n;
            switch (f.kind()) {
                case IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH -> assertSame(what, a, e);
                case SOFTPLUS -> {
                    float derivative = (float) -Math.expm1(-(double) s);
                    double bound = Math.abs(d) * (KernelBounds.E_SOFTPLUS_DERIVATIVE + 0.5) * ulp(derivative)
                            + Math.max(ulp(a), ulp(e));
                    assertClose(what, a, e, bound);
                }
                case GELU, SILU -> {
                    boolean gelu = f.kind() == Activation.Kind.GELU;
                    float t = gelu ? GeluConstants.t(s) : s;
                    float g = gelu ? GeluConstants.g(s) : s;
                    if (Float.isNaN(a) && Float.isInfinite(d) && Float.isInfinite(e)
                            && Math.abs(sigmoidTimes(t, g)) < Float.MIN_NORMAL) {
                        // f' below the normal range: the kernel's float σ(t) underflowed to 0, so ∞ · 0 = NaN
                        // where the double reference still resolves a subnormal f' (docs/numerics.md).
                        continue;
                    }
                    assertClose(what, a, e, timesSigmoidDerivativeBound(t, g, d, a, e));
                }
                case SOFTMAX -> throw new AssertionError("not elementwise");
            }
        }
        KernelBounds.assertUntouchedOutside(f + " derivative", actual, expected, deltaOffset, n);
    }

    /** The bound of the class comment for δ s (1 + g (1 - s)), s = σ(t). */
    static double timesSigmoidDerivativeBound(float t, float g, float delta, float actual, float expected) {
        double s = 1 / (1 + Math.exp(-(double) t));
        double oneMinusS = 1 - s;
        double sg = times(s, g);
        double sgOneMinusS = times(sg, oneMinusS);
        double p = s == 0 || s == 1 ? 0 : g * oneMinusS;
        double derivative = s * (1 + p);
        double es = E_SIGMOID * ulp((float) s);
        double derivativeError = es * (Math.abs(1 + p) + Math.abs(sg))
                + 2 * U * (Math.abs(sgOneMinusS) + Math.abs(derivative)) + 0.5 * ulp((float) derivative);
        return times(Math.abs(delta), derivativeError) + Math.max(ulp(actual), ulp(expected));
    }

    /** The reference's f' = s (1 + g (1 - s)), s = σ(t), in double. */
    private static double sigmoidTimes(float t, float g) {
        double s = 1 / (1 + Math.exp(-(double) t));
        return s * (1 + (s == 0 || s == 1 ? 0 : g * (1 - s)));
    }

    /** a b, with 0 when either is 0 (no NaN from 0 · ∞: the kernels drop such terms). */
    private static double times(double a, double b) {
        return a == 0 || b == 0 ? 0 : a * b;
    }

    private static float[] outputsOf(Activation f, float[] z) {
        float[] y = new float[z.length];
        ScalarActivations.forward(f, z.length, z, 0, y, 0);
        return y;
    }

    @Provide
    Arbitrary<Activation> elementwise() {
        return Arbitraries.oneOf(
                Arbitraries.of(Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID,
                        Activation.TANH, Activation.SOFTPLUS, Activation.GELU, Activation.SILU),
                Arbitraries.floats().between(0f, 0.99f).map(Activation::leakyRelu));
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Inputs.lengths();
    }
}
