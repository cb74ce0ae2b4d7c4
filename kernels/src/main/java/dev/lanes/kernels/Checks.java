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
