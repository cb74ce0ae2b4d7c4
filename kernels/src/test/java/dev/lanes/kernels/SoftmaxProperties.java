package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.E_EXP;
import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.gamma;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.scalar.ScalarSoftmax;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Softmax, log-softmax and the softmax backward pass against their references, on rows of ordinary values,
 * huge ranges (±1e30), equal values, ±∞ and NaN. Bounds (docs/numerics.md), with n = cols, E = E_EXP:
 * <ul>
 *   <li>forward: each e^(x - max) is within E ulp, relative 2E u (x - max is the same float in both); their
 *       sum S adds a relative gamma(n) and carries 2E u; 1/S and the product round once each; the reference
 *       is within 0.5 ulp: |Δy| &lt;= y ((4E + 3) u + gamma(n)) + ulp(y), plus 2E 2^-149 for subnormal terms;</li>
 *   <li>log: |Δ log S| &lt;= 2E u + gamma(n), log S is rounded to float (u |log S|), the difference once
 *       (ulp(y)): |Δy| &lt;= 2E u + gamma(n) + u |log S| + 1.5 ulp(y);</li>
 *   <li>backward: the float dot s = Σ dy y is within gamma(n) Σ |dy y|; then two roundings:
 *       |Δdz| &lt;= |y| gamma(n) Σ|dy y| + 2u |y| (|dy - s| + gamma(n) Σ|dy y|) + ulp(dz).</li>
 * </ul>
 * NaN and ±∞ must match exactly. The backward dot is a float sum, so it assumes Σ|dy y| below
 * Float.MAX_VALUE: finite dy are kept within ±1e30 here.
 */
@Tag("simd")
class SoftmaxProperties {

    @Property(tries = 500)
    void forwardMatchesReference(@ForAll @IntRange(max = 6) int rows, @ForAll("lengths") int cols,
                                 @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(max = 3) int ldPad,
                                 @ForAll boolean log, @ForAll boolean inPlace, @ForAll Random random) {
        int ld = Math.max(1, cols) + ldPad;
        float[] x = Inputs.rowsWithSpecials(random, rows, cols, offset, ld);
        float[] actual = x.clone();
        float[] expected = x.clone();
        float[] xa = inPlace ? actual : x;
        float[] xe = inPlace ? expected : x;
        if (log) {
            Softmax.logForward(rows, cols, xa, offset, ld, actual, offset, ld);
            ScalarSoftmax.logForward(rows, cols, xe, offset, ld, expected, offset, ld);
        } else {
            Softmax.forward(rows, cols, xa, offset, ld, actual, offset, ld);
            ScalarSoftmax.forward(rows, cols, xe, offset, ld, expected, offset, ld);
        }
        for (int r = 0; r < rows; r++) {
            int base = offset + r * ld;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[base + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[base + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                float e = expected[base + j];
                float a = actual[base + j];
                String what = (log ? "log-softmax" : "softmax") + " row " + r + " col " + j + " of " + cols
                        + " (x = " + x[base + j] + ", max " + max + ")";
                double bound = log
                        ? 2 * E_EXP * U + gamma(cols) + U * Math.abs(Math.log(sum)) + 1.5 * ulp(e)
                        : Math.abs(e) * ((4 * E_EXP + 3) * U + gamma(cols)) + ulp(e) + 2 * E_EXP * Float.MIN_VALUE;
                assertClose(what, a, e, bound);
            }
        }
        KernelBounds.assertUntouchedOutside("softmax padding", outside(actual, rows, cols, offset, ld),
                outside(expected, rows, cols, offset, ld), 0, 0);
    }

    @Property(tries = 500)
    void backwardMatchesReference(@ForAll @IntRange(max = 6) int rows, @ForAll("lengths") int cols,
                                  @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(max = 3) int ldPad,
                                  @ForAll boolean inPlace, @ForAll Random random) {
        int ld = Math.max(1, cols) + ldPad;
        float[] logits = Inputs.rowsWithSpecials(random, rows, cols, offset, ld);
        float[] y = new float[logits.length];
        ScalarSoftmax.forward(rows, cols, logits, offset, ld, y, offset, ld);
        // Finite dy stay within ±1e30, so that the float row dot Σ dy y cannot overflow (documented limit).
        float[] dyValues = Inputs.capFinite(Inputs.values(random, logits.length - offset), 1e30f);
        float[] dy = Inputs.padded(dyValues, offset, 0, random);
        float[] actual = inPlace ? dy.clone() : new float[dy.length];
        float[] expected = actual.clone();
        Softmax.backward(rows, cols, y, offset, ld, inPlace ? actual : dy, offset, ld, actual, offset, ld);
        ScalarSoftmax.backward(rows, cols, y, offset, ld, inPlace ? expected : dy, offset, ld, expected, offset, ld);
        for (int r = 0; r < rows; r++) {
            int base = offset + r * ld;
            double s = 0;
            double magnitude = 0;
            for (int j = 0; j < cols; j++) {
                s += (double) dy[base + j] * y[base + j];
                magnitude += Math.abs((double) dy[base + j] * y[base + j]);
            }
            double dotError = gamma(cols) * magnitude;
            for (int j = 0; j < cols; j++) {
                double yj = Math.abs(y[base + j]);
                double bound = yj * dotError + 2 * U * yj * (Math.abs(dy[base + j] - s) + dotError)
                        + ulp(expected[base + j]);
                assertClose("softmax backward row " + r + " col " + j + " of " + cols, actual[base + j],
                        expected[base + j], bound);
            }
        }
    }

    /** A copy with the rows x cols window zeroed, to compare what lies outside it. */
    private static float[] outside(float[] a, int rows, int cols, int offset, int ld) {
        float[] copy = a.clone();
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(copy, offset + r * ld, offset + r * ld + cols, 0f);
        }
        return copy;
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Inputs.lengths();
    }
}
