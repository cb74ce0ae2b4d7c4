package dev.lanes.nn;

import java.util.Locale;
import java.util.Objects;

/**
 * A trainable tensor and its gradient: a {@code rows x cols} row-major float matrix (a vector has
 * {@code rows == 1}). The arrays are live: the layer computes with {@link #values()} and writes
 * {@code ∂C/∂values} into {@link #gradient()}; optimizers update {@link #values()} in place.
 */
public final class Parameter {

    private final String name;
    private final int rows;
    private final int cols;
    private final float[] values;
    private final float[] gradient;

    /** A zero-filled parameter named {@code name} (for messages and model files). */
    public Parameter(String name, int rows, int cols) {
        this.name = Objects.requireNonNull(name, "name");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": shape must be positive, was " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %dx%d = %,d values, more than one"
                    + " Java array holds (%,d)", name, rows, cols, (long) rows * cols, Integer.MAX_VALUE - 8));
        }
        this.values = new float[rows * cols];
        this.gradient = new float[values.length];
    }

    /** The name, e.g. {@code dense1.weights}. */
    public String name() {
        return name;
    }

    /** Rows of the matrix (1 for a vector). */
    public int rows() {
        return rows;
    }

    /** Columns of the matrix (the length of a vector). */
    public int cols() {
        return cols;
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** The values, row-major; live, not a copy. */
    public float[] values() {
        return values;
    }

    /** The gradient of the loss with respect to the values, from the last backward pass; live. */
    public float[] gradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return name + "[" + rows + "x" + cols + "]";
    }
}
