package dev.lanes.kernels;

/**
 * Argument checks shared by the façades. Every message names the argument and gives the needed and the
 * actual value, so a caller can fix the call without reading kernel code.
 */
final class Checks {

    private Checks() {
    }

    static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    static void notNull(String name, Object array) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * A row-major matrix of {@code rows x cols} stored at {@code offset} with row stride {@code ld}:
     * {@code ld >= max(1, cols)} and the array holds its last element.
     */
    static void matrix(String name, float[] array, String offsetName, int offset, String ldName, int ld,
                       int rows, int cols, String shape) {
        notNull(name, array);
        nonNegative(offsetName, offset);
        int minLd = Math.max(1, cols);
        if (ld < minLd) {
            throw new IllegalArgumentException(ldName + " must be >= " + minLd + " (the row length of " + name
                    + " as stored, " + shape + "), was " + ld);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long needed = (long) offset + (long) (rows - 1) * ld + cols;
        if (needed > array.length) {
            throw new IllegalArgumentException(name + " is too short for a " + rows + "x" + cols + " matrix ("
                    + shape + ") at " + offsetName + "=" + offset + " with " + ldName + "=" + ld + ": needs "
                    + needed + " elements, has " + array.length);
        }
    }

    /**
     * C shares no element with X. Both are row-major windows already checked by {@link #matrix}: X is
     * {@code xRows x xCols} at {@code xOffset} with row stride {@code ldx}, C is {@code m x n} at
     * {@code cOffset} with {@code ldc}. Different arrays cannot overlap; in the same array the test is exact
     * (interleaved windows that share no element, such as side-by-side blocks of one buffer, pass) and costs
     * one step per row of the shorter window.
     */
    static void disjointFromC(String name, String shape, float[] x, String offsetName, int xOffset,
                              String ldName, int ldx, int xRows, int xCols,
                              float[] c, int cOffset, int ldc, int m, int n) {
        if (x != c || xRows == 0 || xCols == 0 || m == 0 || n == 0) {
            return;
        }
        long shared = firstSharedIndex(xOffset, ldx, xRows, xCols, cOffset, ldc, m, n);
        if (shared >= 0) {
            throw new IllegalArgumentException("c overlaps " + name + ": C (" + m + "x" + n + " at cOffset="
                    + cOffset + ", ldc=" + ldc + ") and " + shape + " (" + xRows + "x" + xCols + " at " + offsetName
                    + "=" + xOffset + (ldName == null ? "" : ", " + ldName + "=" + ldx) + ") are in the same array"
                    + " and share element " + shared + "; C must not overlap what the call reads: write C to"
                    + " another array or region");
        }
    }

    /** The first array index two row-major windows share, or -1. */
    private static long firstSharedIndex(int xOffset, int ldx, int xRows, int xCols,
                                         int yOffset, int ldy, int yRows, int yCols) {
        long xLast = xOffset + (long) (xRows - 1) * ldx + xCols;
        long yLast = yOffset + (long) (yRows - 1) * ldy + yCols;
        if (xLast <= yOffset || yLast <= xOffset) {
            return -1; // the spans are apart: the usual case, decided at once
        }
        if (xRows > yRows) {
            return firstSharedIndex(yOffset, ldy, yRows, yCols, xOffset, ldx, xRows, xCols);
        }
        for (int i = 0; i < xRows; i++) { // rows lie in increasing order, so the first hit is the lowest index
            long start = xOffset + (long) i * ldx;
            long end = start + xCols;
            // Rows r of Y with yOffset + r ldy < end and yOffset + r ldy + yCols > start.
            long lo = Math.max(0, Math.floorDiv(start - yCols - yOffset, (long) ldy) + 1);
            long hi = Math.min(yRows - 1L, Math.ceilDiv(end - yOffset, (long) ldy) - 1);
            if (lo <= hi) {
                return Math.max(start, yOffset + lo * ldy);
            }
        }
        return -1;
    }

    /** A vector of {@code length} elements at {@code offset}. */
    static void vector(String name, float[] array, String offsetName, int offset, int length) {
        notNull(name, array);
        nonNegative(offsetName, offset);
        long needed = (long) offset + length;
        if (needed > array.length) {
            throw new IllegalArgumentException(name + " is too short: needs " + needed + " elements ("
                    + offsetName + "=" + offset + " + length " + length + "), has " + array.length);
        }
    }

    /**
     * Whether {@code length} elements at {@code offset} lie in {@code array}: the test before the shape-described
     * checks, whose message (a string built from the geometry) is only built when it fails, so that a kernel call
     * allocates nothing.
     */
    static boolean fits(float[] array, int offset, long length) {
        return array != null && offset >= 0 && offset + length <= array.length;
    }

    /** {@code length} floats at {@code offset} holding a tensor described by {@code shape}. */
    static void vector(String name, float[] array, String offsetName, int offset, long length, String shape) {
        notNull(name, array);
        nonNegative(offsetName, offset);
        long needed = offset + length;
        if (needed > array.length) {
            throw new IllegalArgumentException(name + " is too short: needs " + needed + " elements ("
                    + offsetName + "=" + offset + " + " + length + ": " + shape + "), has " + array.length);
        }
    }

    /** An int vector of {@code length} elements at {@code offset}. */
    static void vector(String name, int[] array, String offsetName, int offset, int length) {
        notNull(name, array);
        nonNegative(offsetName, offset);
        long needed = (long) offset + length;
        if (needed > array.length) {
            throw new IllegalArgumentException(name + " is too short: needs " + needed + " elements ("
                    + offsetName + "=" + offset + " + length " + length + "), has " + array.length);
        }
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }

    /** {@code value >= 0} (NaN fails). */
    static void nonNegative(String name, float value) {
        if (!(value >= 0f)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** A finite {@code value > 0}. */
    static void positiveFinite(String name, float value) {
        if (!(value > 0f && value < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
    }

    /** {@code 0 <= value < 1} (NaN fails). */
    static void unitInterval(String name, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
        }
    }

    /** Not NaN. */
    static void notNaN(String name, float value) {
        if (Float.isNaN(value)) {
            throw new IllegalArgumentException(name + " must not be NaN");
        }
    }

    /** An elementwise activation (not softmax, which works per row). */
    static void elementwise(Activation f) {
        notNull("f", f);
        if (!f.isElementwise()) {
            throw new IllegalArgumentException("f must be elementwise, was " + f.name()
                    + ": softmax is per row: use Softmax");
        }
    }
}
