package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.E_EXP;
import static dev.lanes.kernels.KernelBounds.E_SIGMOID;
import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.assertSame;
import static dev.lanes.kernels.KernelBounds.gamma;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.scalar.ScalarLosses;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Losses against their references (docs/numerics.md):
 * <ul>
 *   <li>softmax cross-entropy: per row, log S is off by at most the relative error of S, 2E u + gamma(n)
 *       (E = E_EXP), and z_label - max is the same float, so the mean loss is within 2E u + gamma(n) plus its
 *       rounding; delta as the softmax forward, (p/rows) ((4E + 3) u + gamma(n)), plus u/rows for the label's
 *       1/rows, plus the final rounding;</li>
 *   <li>sigmoid binary cross-entropy: per element max(z,0) - z t + log1p(e^-|z|) rounds after z t, the
 *       difference and the sum (u each, relative to each), log1p(e^-|z|) is within (E + 0.5) ulp, the row is a
 *       float sum (gamma(n) Σ|l|); delta = (σ - t)/rows with σ within (E_σ + 0.5) ulp, the difference and the
 *       division rounding;</li>
 *   <li>mean squared error: delta is the same float operations (identical); the loss sums the same exact
 *       squares in double (relative 1e-12 covers any order).</li>
 * </ul>
 * Finite logits stay within ±1e30 so that float row sums cannot overflow (documented limit).
 */
@Tag("simd")
class LossesProperties {

    @Property(tries = 500)
    void softmaxCrossEntropyMatchesReference(@ForAll @IntRange(min = 1, max = 6) int rows,
                                             @ForAll("lengths") int colsOrZero,
                                             @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(max = 3) int ldPad,
                                             @ForAll boolean inPlace, @ForAll Random random) {
        int cols = Math.max(1, colsOrZero);
        int ld = cols + ldPad;
        float[] logits = Inputs.rowsWithSpecials(random, rows, cols, offset, ld);
        if (random.nextBoolean()) {
            logits = Inputs.padded(Inputs.uniform(random, logits.length - offset, -10, 10), offset, 0, random);
        }
        int[] labels = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            labels[r + 1] = random.nextInt(cols);
        }
        float[] actual = inPlace ? logits.clone() : new float[logits.length];
        float[] expected = actual.clone();
        float loss = Losses.softmaxCrossEntropy(rows, cols, inPlace ? actual : logits, offset, ld, labels, 1,
                actual, offset, ld);
        float lossExpected = ScalarLosses.softmaxCrossEntropy(rows, cols, inPlace ? expected : logits, offset, ld,
                labels, 1, expected, offset, ld);
        assertClose("softmax cross-entropy loss", loss, lossExpected,
                2 * E_EXP * U + gamma(cols) + ulp(lossExpected));
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = offset + r * ld + j;
                double p = Math.abs(expected[i] * rows + (j == labels[r + 1] ? 1 : 0));
                double bound = p / rows * ((4 * E_EXP + 3) * U + gamma(cols))
                        + (j == labels[r + 1] ? U / rows : 0) + ulp(expected[i]) + 2 * E_EXP * Float.MIN_VALUE;
                assertClose("softmax cross-entropy delta row " + r + " col " + j, actual[i], expected[i], bound);
            }
        }
    }

    @Property(tries = 500)
    void sigmoidBinaryCrossEntropyMatchesReference(@ForAll @IntRange(min = 1, max = 6) int rows,
                                                   @ForAll("lengths") int cols,
                                                   @ForAll @IntRange(max = 5) int offset, @ForAll Random random) {
        int ld = Math.max(1, cols) + 1;
        float[] z = Inputs.padded(Inputs.capFinite(Inputs.values(random, rows * ld), 1e30f), offset, 0, random);
        float[] t = Inputs.padded(Inputs.uniform(random, rows * ld, 0, 1), offset, 0, random);
        for (int i = offset; i < t.length; i += 7) {
            t[i] = random.nextBoolean() ? 0f : 1f;
        }
        float[] actual = new float[z.length];
        float[] expected = new float[z.length];
        float loss = Losses.sigmoidBinaryCrossEntropy(rows, cols, z, offset, ld, t, offset, ld, actual, offset, ld);
        float lossExpected = ScalarLosses.sigmoidBinaryCrossEntropy(rows, cols, z, offset, ld, t, offset, ld,
                expected, offset, ld);
        double bound = 0;
        for (int r = 0; r < rows; r++) {
            double rowMagnitude = 0;
            for (int j = 0; j < cols; j++) {
                int i = offset + r * ld + j;
                double zi = z[i];
                double zt = zi * t[i];
                double a = Math.max(zi, 0);
                double c = Math.log1p(Math.exp(-Math.abs(zi)));
                double l = a - zt + c;
                bound += U * (Math.abs(zt) + Math.abs(a - zt) + Math.abs(l))
                        + (KernelBounds.E_LOG1P_EXP + 0.5) * ulp((float) c);
                rowMagnitude += Math.abs(l);
                double sigmoid = 1 / (1 + Math.exp(-zi));
                double deltaBound = ((E_SIGMOID + 0.5) * ulp((float) sigmoid) + U * Math.abs(sigmoid - t[i])) / rows
                        + ulp(expected[i]);
                assertClose("binary cross-entropy delta row " + r + " col " + j + " (z = " + z[i] + ")",
                        actual[i], expected[i], deltaBound);
            }
            bound += gamma(cols) * rowMagnitude;
        }
        assertClose("binary cross-entropy loss", loss, lossExpected, bound / rows + ulp(lossExpected));
    }

    @Property(tries = 500)
    void meanSquaredErrorMatchesReference(@ForAll @IntRange(min = 1, max = 6) int rows, @ForAll("lengths") int cols,
                                          @ForAll @IntRange(max = 5) int offset, @ForAll Random random) {
        int ld = Math.max(1, cols) + 2;
        float[] a = Inputs.padded(Inputs.values(random, rows * ld), offset, 0, random);
        float[] t = Inputs.padded(Inputs.values(random, rows * ld), offset, 0, random);
        float[] actual = new float[a.length];
        float[] expected = new float[a.length];
        float loss = Losses.meanSquaredError(rows, cols, a, offset, ld, t, offset, ld, actual, offset, ld);
        float lossExpected = ScalarLosses.meanSquaredError(rows, cols, a, offset, ld, t, offset, ld, expected,
                offset, ld);
        assertClose("mean squared error", loss, lossExpected, 1e-12 * Math.abs(lossExpected) + ulp(lossExpected));
        for (int i = 0; i < a.length; i++) {
            assertSame("mean squared error delta element " + i, actual[i], expected[i]);
        }
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Inputs.lengths();
    }
}
