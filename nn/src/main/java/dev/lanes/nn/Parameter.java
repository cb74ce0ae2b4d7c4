package dev.lanes.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A tensor a layer owns: its values, row-major over {@link #dims()}, its {@link Role}, and, when it is
 * {@linkplain #trainable() trained}, the gradient of the loss with respect to it. Non-trainable parameters
 * are buffers a layer updates itself and saves with the model (batch normalization's running statistics).
 *
 * <p>The arrays are live: layers compute with {@link #values()} and write {@code ∂C/∂values} into
 * {@link #gradient()}; optimizers update {@link #values()} in place. The gradient array is allocated on first
 * use, so a network loaded only for inference does not carry it.
 *
 * <p>Weights follow PyTorch's convention: the first dimension counts outputs and the last inputs, the ones
 * between (if any) are the receptive field, so {@link #fanIn()} and {@link #fanOut()} come from the shape.
 */
public final class Parameter {

    /** What a parameter is for; initializers and diagnostics read it. */
    public enum Role {
        /** A weight matrix or kernel, {@code outputs x … x inputs}. */
        WEIGHT,
        /** A recurrent (hidden-to-hidden) weight matrix. */
        RECURRENT_WEIGHT,
        /** An additive bias. */
        BIAS,
        /** A normalization's scale γ. */
        GAMMA,
        /** A normalization's shift β. */
        BETA,
        /** A running mean (not trained). */
        RUNNING_MEAN,
        /** A running variance (not trained). */
        RUNNING_VARIANCE;

        /** {@return whether parameters of this role are trained (all but the running statistics)} */
        public boolean trainable() {
            return this != RUNNING_MEAN && this != RUNNING_VARIANCE;
        }
    }

    private final String name;
    private final Role role;
    private final int[] dims;
    private final boolean trainable;
    private final float[] values;
    private float[] gradient;

    /**
     * A zero-filled parameter.
     *
     * @param name      for messages and model files, e.g. {@code dense1.weights}
     * @param role      what it is for; it says whether optimizers update the parameter
     * @param dims      its dimensions, each {@code >= 1}
     * @throws IllegalArgumentException if a dimension is below 1 or the size exceeds an array's
     */
    public Parameter(String name, Role role, int... dims) {
        this.name = Objects.requireNonNull(name, "name");
        this.role = Objects.requireNonNull(role, "role");
        this.trainable = role.trainable();
        this.dims = dims.clone();
        this.values = new float[checkedSize(name, dims)];
    }

    /**
     * {@return the number of floats a parameter of these dimensions holds}
     *
     * @param name the parameter's name, for the error message
     * @param dims the dimensions, outputs first, each {@code >= 1}
     * @throws IllegalArgumentException if a dimension is below 1 or the product exceeds an array's size
     */
    public static int checkedSize(String name, int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException(name + ": a parameter needs at least one dimension");
        }
        long n = 1;
        StringBuilder shape = new StringBuilder();
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException(name + ": dimensions must be >= 1, were " + Arrays.toString(dims));
            }
            n = Math.multiplyHigh(n, d) == 0 && n * d >= 0 ? n * d : Long.MAX_VALUE;
            shape.append(shape.isEmpty() ? "" : "x").append(d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s = %s values, more than one Java"
                    + " array holds (%,d)", name, shape, n == Long.MAX_VALUE ? "too many" : String.format(Locale.ROOT,
                    "%,d", n), Integer.MAX_VALUE - 8));
        }
        return (int) n;
    }

    /** {@return the name, e.g. {@code dense1.weights}} */
    public String name() {
        return name;
    }

    /** {@return what the parameter is for} */
    public Role role() {
        return role;
    }

    /** {@return whether optimizers update it (false for buffers such as running statistics)} */
    public boolean trainable() {
        return trainable;
    }

    /** {@return the dimensions; a copy} */
    public int[] dims() {
        return dims.clone();
    }

    /** {@return the first dimension (the outputs of a weight; the length of a vector)} */
    public int rows() {
        return dims.length == 1 ? 1 : dims[0];
    }

    /** {@return the elements per row: {@code size() / rows()}} */
    public int cols() {
        return values.length / rows();
    }

    /** {@return number of elements} */
    public int size() {
        return values.length;
    }

    /** {@return inputs feeding each output: all dimensions but the first (a weight's fan-in)} */
    public int fanIn() {
        return dims.length == 1 ? values.length : values.length / dims[0];
    }

    /** {@return outputs each input feeds: all dimensions but the last (a weight's fan-out)} */
    public int fanOut() {
        return dims.length == 1 ? values.length : values.length / dims[dims.length - 1];
    }

    /** {@return the values, row-major; live, not a copy} */
    public float[] values() {
        return values;
    }

    /**
     * {@return the gradient of the loss with respect to the values, from the last backward pass; live}
     *
     * @throws IllegalStateException for a parameter that is not trainable
     */
    public float[] gradient() {
        float[] g = gradient;
        if (g == null) {
            if (!trainable) {
                throw new IllegalStateException(name + " is not trainable: it has no gradient");
            }
            g = gradient = new float[values.length];
        }
        return g;
    }

    /** {@code name[d0xd1x…]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append('[');
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return s.append(']').toString();
    }
}
