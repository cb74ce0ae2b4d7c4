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
}
