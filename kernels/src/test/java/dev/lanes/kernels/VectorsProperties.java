package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.assertSame;
import static dev.lanes.kernels.KernelBounds.gamma;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.scalar.ScalarVectors;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Vector operations against their references. axpy, scale, clip, maxRows and argmaxRows are the same float
 * operations (or exact ones: max is exact in any order), so results must be identical. dot: a float sum in
 * any order is within gamma(n) Σ|x y| of exact, the double reference within 0.5 ulp. sumOfSquares: squares of
 * floats are exact in double, both sums within gamma_double(n) Σ x² (u = 2^-53). columnSums: a float sum of
 * rows terms plus beta out: within gamma(rows + 1) (Σ|x| + |beta out|), the reference 0.5 ulp.
 */
@Tag("simd")
class VectorsProperties {

    private static final double U_DOUBLE = 0x1p-53;

    @Property(tries = 600)
    void elementwiseOperationsAreIdentical(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOffset,
                                           @ForAll @IntRange(max = 7) int yOffset, @ForAll("scalars") float alpha,
                                           @ForAll Random random) {
        float[] x = Inputs.padded(Inputs.values(random, n), xOffset, 3, random);
        float[] y = Inputs.padded(Inputs.values(random, n), yOffset, 3, random);
        float[] actual = y.clone();
        float[] expected = y.clone();
        Vectors.axpy(n, alpha, x, xOffset, actual, yOffset);
        ScalarVectors.axpy(n, alpha, x, xOffset, expected, yOffset);
        assertIdentical("axpy", actual, expected);
        actual = x.clone();
        expected = x.clone();
        Vectors.scale(n, alpha, actual, xOffset);
        ScalarVectors.scale(n, alpha, expected, xOffset);
        assertIdentical("scale", actual, expected);
        float min = -Math.abs(alpha);
        float max = random.nextBoolean() ? Math.abs(alpha) : Float.POSITIVE_INFINITY;
        actual = x.clone();
        expected = x.clone();
        Vectors.clip(n, min, max, actual, xOffset);
        ScalarVectors.clip(n, min, max, expected, xOffset);
        assertIdentical("clip", actual, expected);
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(x[xOffset + i]) != Float.isNaN(actual[xOffset + i])) {
                throw new AssertionError("clip must keep NaN as NaN and only NaN at " + i);
            }
        }
    }

    @Property(tries = 600)
    void reductionsWithinSummationBounds(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOffset,
                                         @ForAll @IntRange(max = 7) int yOffset, @ForAll Random random) {
        boolean specials = random.nextInt(4) == 0;
        // finite values capped at ±1e30: a float dot assumes Σ|x y| below Float.MAX_VALUE (documented limit)
        float[] xv = specials ? Inputs.capFinite(Inputs.values(random, n), 1e30f) : Inputs.uniform(random, n, -3, 3);
        float[] yv = Inputs.uniform(random, n, -3, 3);
        float[] x = Inputs.padded(xv, xOffset, 3, random);
        float[] y = Inputs.padded(yv, yOffset, 3, random);
        double magnitude = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            magnitude += Math.abs((double) xv[i] * yv[i]);
            squares += (double) xv[i] * xv[i];
        }
        float expected = ScalarVectors.dot(n, x, xOffset, y, yOffset);
        assertClose("dot of " + n, Vectors.dot(n, x, xOffset, y, yOffset), expected,
                gamma(n) * magnitude + ulp(expected));
        double ss = Vectors.sumOfSquares(n, x, xOffset);
        double ssExpected = ScalarVectors.sumOfSquares(n, x, xOffset);
        double bound = 2 * n * U_DOUBLE / (1 - n * U_DOUBLE) * squares;
        if (Double.isFinite(ssExpected) ? !(Math.abs(ss - ssExpected) <= bound)
                : Double.compare(ss, ssExpected) != 0 && !(Double.isNaN(ss) && Double.isNaN(ssExpected))) {
            throw new AssertionError("sumOfSquares of " + n + " = " + ss + ", reference " + ssExpected);
        }
    }

    @Property(tries = 200)
    void sumOfSquaresNeitherOverflowsNorUnderflows(@ForAll @IntRange(min = 1, max = 3000) int n,
                                                   @ForAll boolean huge) {
        float[] x = new float[n];
        Arrays.fill(x, huge ? 1e30f : 1e-30f);
        double expected = n * (huge ? 1e60 : 1e-60) * (1 + 0x1p-20);
        double ss = Vectors.sumOfSquares(n, x, 0);
        double exact = n * ((double) x[0] * x[0]);
        if (!(Math.abs(ss - exact) <= 1e-12 * exact) || !(expected > 0)) {
            throw new AssertionError("sumOfSquares of " + n + " x " + x[0] + " = " + ss + ", exact " + exact);
        }
    }

    @Property(tries = 500)
    void rowReductions(@ForAll @IntRange(max = 6) int rows, @ForAll("lengths") int colsOrZero,
                       @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(max = 3) int ldPad,
                       @ForAll("scalars") float beta, @ForAll Random random) {
        int cols = Math.max(1, colsOrZero);
        int ld = cols + ldPad;
        float[] x = Inputs.rowsWithSpecials(random, rows, cols, offset, ld);
        if (random.nextBoolean() && rows > 0) {
            // ties, including -0 against +0
            for (int j = 0; j < cols; j++) {
                x[offset + j] = random.nextBoolean() ? 0f : -0f;
            }
        }
        int[] argmax = new int[rows + 2];
        int[] argmaxExpected = argmax.clone();
        Vectors.argmaxRows(rows, cols, x, offset, ld, argmax, 1);
        ScalarVectors.argmaxRows(rows, cols, x, offset, ld, argmaxExpected, 1);
        if (!Arrays.equals(argmax, argmaxExpected)) {
            throw new AssertionError("argmaxRows " + Arrays.toString(argmax) + ", reference "
                    + Arrays.toString(argmaxExpected));
        }
        float[] max = new float[rows + 2];
        float[] maxExpected = max.clone();
        Vectors.maxRows(rows, cols, x, offset, ld, max, 1);
        ScalarVectors.maxRows(rows, cols, x, offset, ld, maxExpected, 1);
        assertIdentical("maxRows", max, maxExpected);

        float[] data = Inputs.padded(Inputs.uniform(random, rows * ld, -3, 3), offset, 1, random);
        float[] out = Inputs.padded(Inputs.uniform(random, cols, -3, 3), 2, 2, random);
        if (beta == 0f) {
            Arrays.fill(out, 2, 2 + cols, Float.NaN); // beta = 0: out is output only
        }
        float[] actual = out.clone();
        float[] expected = out.clone();
        Vectors.columnSums(rows, cols, data, offset, ld, beta, actual, 2);
        ScalarVectors.columnSums(rows, cols, data, offset, ld, beta, expected, 2);
        for (int j = 0; j < cols; j++) {
            double magnitude = beta == 0f ? 0 : Math.abs((double) beta * out[2 + j]);
            for (int r = 0; r < rows; r++) {
                magnitude += Math.abs(data[offset + r * ld + j]);
            }
            assertClose("columnSums col " + j + " of " + rows + " x " + cols, actual[2 + j], expected[2 + j],
                    gamma(rows + 1) * magnitude + ulp(expected[2 + j]));
        }
        KernelBounds.assertUntouchedOutside("columnSums", actual, expected, 2, cols);
    }

    private static void assertIdentical(String what, float[] actual, float[] expected) {
        for (int i = 0; i < actual.length; i++) {
            assertSame(what + " element " + i, actual[i], expected[i]);
        }
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Inputs.lengths();
    }

    @Provide
    Arbitrary<Float> scalars() {
        return Arbitraries.oneOf(Arbitraries.of(0f, 1f, -1f, 0.5f), Arbitraries.floats().between(-4f, 4f));
    }
}
