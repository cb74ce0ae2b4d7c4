package dev.lanes.kernels;

import java.util.Arrays;
import java.util.Random;

/**
 * A {@code rows x cols} matrix stored at {@code offset} with row stride {@code ld} in an array that has
 * elements before, between and after the rows, all NaN, so that a kernel reading outside the window shows up
 * as NaN in its results and one writing outside it is caught by {@link #assertOnlyWindowChanged}.
 */
record StridedMatrix(float[] data, int offset, int ld, int rows, int cols) {

    /** A matrix of the given values (row-major, {@code rows x cols}) at a random offset and row padding. */
    static StridedMatrix of(Random random, int rows, int cols, float[] values) {
        int offset = random.nextInt(8);
        int ld = Math.max(1, cols) + (random.nextBoolean() ? 0 : 1 + random.nextInt(5));
        return withLayout(offset, ld, rows, cols, values, 1 + random.nextInt(3));
    }

    /** An output matrix of the same shape and a random layout, filled with NaN. */
    static StridedMatrix output(Random random, int rows, int cols) {
        return of(random, rows, cols, nans(rows * cols));
    }

    private static StridedMatrix withLayout(int offset, int ld, int rows, int cols, float[] values, int tail) {
        float[] data = new float[offset + (rows == 0 ? 0 : (rows - 1) * ld + cols) + tail];
        Arrays.fill(data, Float.NaN);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, data, offset + r * ld, cols);
        }
        return new StridedMatrix(data, offset, ld, rows, cols);
    }

    private static float[] nans(int n) {
        float[] x = new float[n];
        Arrays.fill(x, Float.NaN);
        return x;
    }

    float get(int r, int j) {
        return data[offset + r * ld + j];
    }

    /** An independent copy (same layout). */
    StridedMatrix copy() {
        return new StridedMatrix(data.clone(), offset, ld, rows, cols);
    }

    /**
     * The same values in {@code cols} columns of this matrix's storage layout: a view for a kernel that uses
     * the first cols columns of each row (an in-place output narrower than its input).
     */
    StridedMatrix narrowed(int newCols) {
        return new StridedMatrix(data, offset, ld, rows, newCols);
    }

    /** Asserts that no element outside the rows x cols window differs from {@code before}. */
    void assertOnlyWindowChanged(String what, float[] before) {
        for (int i = 0; i < data.length; i++) {
            int rel = i - offset;
            boolean inside = rel >= 0 && rel / ld < rows && rel % ld < cols;
            if (!inside && Float.compare(data[i], before[i]) != 0) {
                throw new AssertionError(what + ": element " + i + " outside the " + rows + "x" + cols
                        + " window (offset " + offset + ", ld " + ld + ") changed from " + before[i] + " to " + data[i]);
            }
        }
    }
}
