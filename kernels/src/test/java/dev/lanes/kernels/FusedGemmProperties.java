package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.E_SIGMOID;
import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.internal.GeluConstants;
import dev.lanes.kernels.scalar.ScalarActivations;
import dev.lanes.kernels.scalar.ScalarGemm;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused GEMMs against ScalarGemm followed by the scalar activation (the ScalarGemm overloads), over the
 * direct and the packed paths, edge tiles, offsets and padded strides. Bounds (docs/numerics.md): the product
 * differs by at most G = {@link FloatBounds#gemm} (k, |alpha| Σ|a b| + |beta c|); adding the bias rounds once
 * in each (u |v| each, v = the pre-activation), so |Δv| &lt;= G + 2u |v|. Then
 * <ul>
 *   <li>forward: |Δy| &lt;= Lip(f) |Δv| + f's own error: (E + 0.5) ulp(y) for sigmoid, tanh and softplus,
 *       |v| E_σ ulp(σ(t)) + ulp(y) for GELU and SiLU, 0 for the piecewise-linear kinds. Lip(f) bounds |f'|:
 *       1 (identity, ReLU, leaky, tanh, softplus), 1/4 (sigmoid), 1.2 (GELU, max 1.13; SiLU, max 1.10);</li>
 *   <li>times derivative: f'(saved) is the same float in both for ReLU, leaky, sigmoid and tanh; softplus'
 *       is within (E + 0.5) ulp and GELU'/SiLU' within the bound of {@link ActivationsProperties}; so
 *       |Δc| &lt;= |f'| G + |c| Δf' + ulp(c) (the product rounds once in each).</li>
 * </ul>
 * With a ReLU the test also makes sure that C is written once: nothing outside the m x n window changes.
 */
@Tag("simd")
class FusedGemmProperties {

    @Property(tries = 600)
    void biasAndActivationMatchReference(@ForAll("size") int m, @ForAll("size") int n, @ForAll("size") int k,
                                         @ForAll boolean transA, @ForAll boolean transB,
                                         @ForAll("elementwise") Activation f, @ForAll boolean withBias,
                                         @ForAll("beta") float beta, @ForAll @IntRange(max = 5) int offset,
                                         @ForAll @IntRange(max = 3) int ldPad, @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, 1f, beta, offset, ldPad);
        float[] bias = withBias ? Inputs.padded(Inputs.uniform(random, n, -1, 1), 2, 1, random) : null;
        float[] actual = g.c().clone();
        float[] expected = g.c().clone();
        Gemm.sgemm(transA, transB, m, n, k, 1f, g.a(), g.aOffset(), g.lda(), g.b(), g.bOffset(), g.ldb(), beta,
                actual, g.cOffset(), g.ldc(), bias, 2, f);
        ScalarGemm.sgemm(transA, transB, m, n, k, 1f, g.a(), g.aOffset(), g.lda(), g.b(), g.bOffset(), g.ldb(),
                beta, expected, g.cOffset(), g.ldc(), bias, 2, f);
        float[] pre = g.runReference();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = g.cOffset() + i * g.ldc() + j;
                float v = bias == null ? pre[ci] : pre[ci] + bias[2 + j];
                double dv = FloatBounds.gemm(k, magnitude(g, i, j)) + 2 * U * Math.abs(v);
                float e = expected[ci];
                float a = actual[ci];
                double bound = switch (f.kind()) {
                    case IDENTITY, RELU, LEAKY_RELU -> dv;
                    case SIGMOID -> 0.25 * dv + (E_SIGMOID + 0.5) * ulp(e);
                    case TANH -> dv + (KernelBounds.E_TANH + 0.5) * ulp(e);
                    case SOFTPLUS -> dv + (KernelBounds.E_SOFTPLUS + 0.5) * ulp(e);
                    case GELU, SILU -> {
                        float t = f.kind() == Activation.Kind.GELU ? GeluConstants.t(v) : v;
                        float sigmoid = (float) (1 / (1 + Math.exp(-(double) t)));
                        yield 1.2 * dv + Math.abs(v) * E_SIGMOID * ulp(sigmoid) + Math.max(ulp(a), ulp(e));
                    }
                    case SOFTMAX -> throw new AssertionError("not elementwise");
                };
                assertClose(f + "(C + bias)(" + i + "," + j + ") in " + g, a, e, bound);
            }
        }
        assertOutsideUnchanged(g, actual);
    }

    @Property(tries = 600)
    void timesDerivativeMatchesReference(@ForAll("size") int m, @ForAll("size") int n, @ForAll("size") int k,
                                         @ForAll boolean transA, @ForAll boolean transB,
                                         @ForAll("elementwise") Activation f, @ForAll("beta") float beta,
                                         @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(max = 3) int ldPad,
                                         @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, 1f, beta, offset, ldPad);
        int ldSaved = n + 1;
        float[] z = Inputs.uniform(random, m * ldSaved + 3, -6, 6);
        float[] saved = z.clone();
        if (f.derivativeFromOutput()) {
            ScalarActivations.forward(f, z.length, z, 0, saved, 0);
        }
        float[] actual = g.c().clone();
        float[] expected = g.c().clone();
        Gemm.sgemmTimesDerivative(transA, transB, m, n, k, 1f, g.a(), g.aOffset(), g.lda(), g.b(), g.bOffset(),
                g.ldb(), beta, actual, g.cOffset(), g.ldc(), f, saved, 3, ldSaved);
        ScalarGemm.sgemmTimesDerivative(transA, transB, m, n, k, 1f, g.a(), g.aOffset(), g.lda(), g.b(),
                g.bOffset(), g.ldb(), beta, expected, g.cOffset(), g.ldc(), f, saved, 3, ldSaved);
        float[] product = g.runReference();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = g.cOffset() + i * g.ldc() + j;
                float s = saved[3 + i * ldSaved + j];
                float c = product[ci];
                float[] one = {1f};
                ScalarActivations.multiplyByDerivative(f, 1, new float[] {s}, 0, one, 0);
                double derivative = Math.abs(one[0]);
                double derivativeError = switch (f.kind()) {
                    case IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH -> 0;
                    case SOFTPLUS -> (KernelBounds.E_SOFTPLUS_DERIVATIVE + 0.5) * ulp(one[0]);
                    case GELU, SILU -> {
                        boolean gelu = f.kind() == Activation.Kind.GELU;
                        yield ActivationsProperties.timesSigmoidDerivativeBound(gelu ? GeluConstants.t(s) : s,
                                gelu ? GeluConstants.g(s) : s, 1f, one[0], one[0]);
                    }
                    case SOFTMAX -> throw new AssertionError("not elementwise");
                };
                double bound = derivative * FloatBounds.gemm(k, magnitude(g, i, j))
                        + Math.abs(c) * derivativeError + Math.max(ulp(actual[ci]), ulp(expected[ci]));
                assertClose("C ⊙ " + f + "'(" + i + "," + j + ") in " + g, actual[ci], expected[ci], bound);
            }
        }
        assertOutsideUnchanged(g, actual);
    }

    /** |alpha| Σ_p |a_ip b_pj| + |beta c_ij|, with alpha = 1. */
    private static double magnitude(GemmCase g, int i, int j) {
        double sum = g.beta() == 0 ? 0 : Math.abs((double) g.beta() * g.c()[g.cOffset() + i * g.ldc() + j]);
        for (int p = 0; p < g.k(); p++) {
            float aip = g.transA() ? g.a()[g.aOffset() + p * g.lda() + i] : g.a()[g.aOffset() + i * g.lda() + p];
            float bpj = g.transB() ? g.b()[g.bOffset() + j * g.ldb() + p] : g.b()[g.bOffset() + p * g.ldb() + j];
            sum += Math.abs((double) aip * bpj);
        }
        return sum;
    }

    private static void assertOutsideUnchanged(GemmCase g, float[] actual) {
        float[] outside = actual.clone();
        float[] before = g.c().clone();
        for (int i = 0; i < g.m(); i++) {
            Arrays.fill(outside, g.cOffset() + i * g.ldc(), g.cOffset() + i * g.ldc() + g.n(), 0f);
            Arrays.fill(before, g.cOffset() + i * g.ldc(), g.cOffset() + i * g.ldc() + g.n(), 0f);
        }
        if (!Arrays.equals(outside, before)) {
            throw new AssertionError("fused sgemm wrote outside C's m x n window in " + g);
        }
    }

    @Provide
    Arbitrary<Integer> size() {
        // Direct path (m <= 4 or small volume) and packed path (above 48³), tile and vector edges.
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 24)),
                Tuple.of(2, Arbitraries.of(1, 4, 5, 7, 8, 11, 12, 13, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65)),
                Tuple.of(1, Arbitraries.integers().between(60, 140)));
    }

    @Provide
    Arbitrary<Float> beta() {
        return Arbitraries.of(0f, 1f, 0.5f);
    }

    @Provide
    Arbitrary<Activation> elementwise() {
        return Arbitraries.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.2f), Activation.SIGMOID,
                Activation.TANH, Activation.SOFTPLUS, Activation.GELU, Activation.SILU);
    }
}
