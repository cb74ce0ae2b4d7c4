package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.assertSame;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.scalar.ScalarOptimizers;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Optimizer steps against their references: the same float operations in the same order (sqrt and division
 * are correctly rounded in both), so every updated buffer must be identical, special values included. Global
 * norm clipping: the norms are double sums of exact squares (within 2 gamma_double(n) Σ g²) and the scale
 * maxNorm / norm rounds once, so clipped values differ by at most 2 ulp.
 */
@Tag("simd")
class OptimizersProperties {

    @Property(tries = 500)
    void stepsAreIdentical(@ForAll("lengths") int n, @ForAll @IntRange(max = 5) int offset,
                           @ForAll @FloatRange(min = 0, max = 0.5f) float learningRate,
                           @ForAll @FloatRange(min = 0, max = 0.99f) float beta,
                           @ForAll boolean withDecay, @ForAll boolean flag, @ForAll @IntRange(min = 1, max = 50) int step,
                           @ForAll Random random) {
        float weightDecay = withDecay ? 0.01f : 0f;
        float[] w = Inputs.padded(Inputs.values(random, n), offset, 2, random);
        float[] g = Inputs.padded(Inputs.values(random, n), offset, 2, random);
        float[] m = Inputs.padded(Inputs.uniform(random, n, -1, 1), offset, 2, random);
        float[] v = Inputs.padded(Inputs.uniform(random, n, 0, 1), offset, 2, random);

        float[] wa = w.clone();
        float[] we = w.clone();
        Optimizers.sgd(n, learningRate, weightDecay, wa, offset, g, offset);
        ScalarOptimizers.sgd(n, learningRate, weightDecay, we, offset, g, offset);
        identical("sgd w", wa, we);

        wa = w.clone();
        we = w.clone();
        float[] va = m.clone();
        float[] ve = m.clone();
        boolean nesterov = flag && beta > 0;
        Optimizers.momentum(n, learningRate, beta, weightDecay, nesterov, wa, offset, g, offset, va, offset);
        ScalarOptimizers.momentum(n, learningRate, beta, weightDecay, nesterov, we, offset, g, offset, ve, offset);
        identical("momentum w", wa, we);
        identical("momentum velocity", va, ve);

        wa = w.clone();
        we = w.clone();
        float[] ma = m.clone();
        float[] me = m.clone();
        va = v.clone();
        ve = v.clone();
        Optimizers.adam(n, learningRate, beta, 0.999f, 1e-8f, weightDecay, flag, step, wa, offset, g, offset,
                ma, offset, va, offset);
        ScalarOptimizers.adam(n, learningRate, beta, 0.999f, 1e-8f, weightDecay, flag, step, we, offset, g, offset,
                me, offset, ve, offset);
        identical("adam w", wa, we);
        identical("adam m", ma, me);
        identical("adam v", va, ve);
    }

    @Property(tries = 100)
    void clipByGlobalNormMatchesReference(@ForAll @IntRange(min = 1, max = 4) int buffers,
                                          @ForAll @FloatRange(min = 0.1f, max = 100f) float maxNorm,
                                          @ForAll Random random) {
        float[][] actual = new float[buffers][];
        float[][] expected = new float[buffers][];
        for (int i = 0; i < buffers; i++) {
            actual[i] = Inputs.uniform(random, random.nextInt(700), -3, 3);
            expected[i] = actual[i].clone();
        }
        double norm = Optimizers.clipByGlobalNorm(maxNorm, actual);
        double normExpected = ScalarOptimizers.clipByGlobalNorm(maxNorm, expected);
        if (!(Math.abs(norm - normExpected) <= 1e-12 * normExpected)) {
            throw new AssertionError("norm " + norm + ", reference " + normExpected);
        }
        for (int i = 0; i < buffers; i++) {
            for (int j = 0; j < actual[i].length; j++) {
                assertClose("clipped gradient " + i + "[" + j + "]", actual[i][j], expected[i][j],
                        2 * ulp(expected[i][j]));
            }
        }
    }

    private static void identical(String what, float[] actual, float[] expected) {
        for (int i = 0; i < actual.length; i++) {
            assertSame(what + " element " + i, actual[i], expected[i]);
        }
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Inputs.lengths();
    }
}
