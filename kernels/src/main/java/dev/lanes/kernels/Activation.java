package dev.lanes.kernels;

import java.util.Locale;

/**
 * An activation function of a layer: its kind and, for leaky ReLU, the slope of the negative side. Immutable;
 * equal when kind and slope are equal.
 *
 * <p>Definitions (z is the input, y = f(z) the output):
 * <ul>
 *   <li>{@code identity}: y = z</li>
 *   <li>{@code relu}: y = max(z, 0) (NaN stays NaN)</li>
 *   <li>{@code leaky_relu(s)}: y = z &gt; 0 ? z : s z</li>
 *   <li>{@code sigmoid}: y = 1 / (1 + e^-z)</li>
 *   <li>{@code tanh}: y = tanh z</li>
 *   <li>{@code softplus}: y = log(1 + e^z)</li>
 *   <li>{@code gelu}: the tanh approximation, y = z/2 (1 + tanh(√(2/π) (z + 0.044715 z³))), computed as
 *       z σ(t) with t = 2√(2/π) z (1 + 0.044715 z²) (the same function; see docs/numerics.md)</li>
 *   <li>{@code silu}: y = z σ(z)</li>
 *   <li>{@code softmax}: per row, y_j = e^{z_j} / Σ_k e^{z_k}; not elementwise (see {@link Softmax})</li>
 * </ul>
 * At z = -∞, GELU and SiLU give their limit -0 (not NaN).
 */
public final class Activation {

    /** The activation functions. */
    public enum Kind {
        /** y = z. */
        IDENTITY,
        /** y = max(z, 0). */
        RELU,
        /** y = z &gt; 0 ? z : slope z. */
        LEAKY_RELU,
        /** y = 1 / (1 + e^-z). */
        SIGMOID,
        /** y = tanh z. */
        TANH,
        /** y = log(1 + e^z). */
        SOFTPLUS,
        /** GELU, tanh approximation. */
        GELU,
        /** y = z σ(z), also called swish. */
        SILU,
        /** Per-row softmax. */
        SOFTMAX
    }

    /** y = z. */
    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0f);
    /** y = max(z, 0). */
    public static final Activation RELU = new Activation(Kind.RELU, 0f);
    /** y = 1 / (1 + e^-z). */
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0f);
    /** y = tanh z. */
    public static final Activation TANH = new Activation(Kind.TANH, 0f);
    /** y = log(1 + e^z). */
    public static final Activation SOFTPLUS = new Activation(Kind.SOFTPLUS, 0f);
    /** GELU, tanh approximation. */
    public static final Activation GELU = new Activation(Kind.GELU, 0f);
    /** y = z σ(z). */
    public static final Activation SILU = new Activation(Kind.SILU, 0f);
    /** Per-row softmax: not elementwise, use {@link Softmax}. */
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0f);
    /** Leaky ReLU with slope 0.01. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, 0.01f);

    private static final String LEAKY_PREFIX = "leaky_relu(";

    private final Kind kind;
    private final float slope;

    private Activation(Kind kind, float slope) {
        this.kind = kind;
        this.slope = slope;
    }

    /**
     * Leaky ReLU, y = z &gt; 0 ? z : slope z.
     *
     * @param slope the slope for negative inputs, in [0, 1)
     * @return the leaky ReLU of that slope
     * @throws IllegalArgumentException if slope is not in [0, 1)
     */
    public static Activation leakyRelu(float slope) {
        if (!(slope >= 0f && slope < 1f)) {
            throw new IllegalArgumentException("slope must be in [0, 1), was " + slope);
        }
        return new Activation(Kind.LEAKY_RELU, slope);
    }

    /** {@return the function's kind} */
    public Kind kind() {
        return kind;
    }

    /** {@return the negative-side slope of leaky ReLU; 0 for every other kind} */
    public float slope() {
        return slope;
    }

    /** {@return whether y_i depends on z_i alone: true for all kinds but {@link Kind#SOFTMAX}} */
    public boolean isElementwise() {
        return kind != Kind.SOFTMAX;
    }

    /**
     * {@return whether f'(z) can be computed from y = f(z) alone, so a layer need not keep z: true for identity,
     * ReLU, leaky ReLU, sigmoid (y(1-y)), tanh (1-y²), softplus (1-e^-y) and softmax; false for GELU and SiLU}
     */
    public boolean derivativeFromOutput() {
        return kind != Kind.GELU && kind != Kind.SILU;
    }

    /** {@return the name {@link #parse} reads back: "relu", "leaky_relu(0.01)", "gelu", ...} */
    public String name() {
        return kind == Kind.LEAKY_RELU ? LEAKY_PREFIX + slope + ")" : kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The activation named {@code name} (case-insensitive): a {@link #name()}, or "leaky_relu" for slope 0.01.
     *
     * @param name the name, case-insensitive, e.g. {@code relu} or {@code leaky_relu(0.2)}
     * @return the activation
     * @throws IllegalArgumentException for an unknown name or a bad slope, listing the valid names
     */
    public static Activation parse(String name) {
        Checks.notNull("name", name);
        String s = name.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith(LEAKY_PREFIX) && s.endsWith(")")) {
            String number = s.substring(LEAKY_PREFIX.length(), s.length() - 1).trim();
            float slope;
            try {
                slope = Float.parseFloat(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad slope in activation \"" + name + "\": " + number
                        + " is not a number", e);
            }
            return leakyRelu(slope);
        }
        for (Kind kind : Kind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(s)) {
                return switch (kind) {
                    case IDENTITY -> IDENTITY;
                    case RELU -> RELU;
                    case LEAKY_RELU -> LEAKY_RELU;
                    case SIGMOID -> SIGMOID;
                    case TANH -> TANH;
                    case SOFTPLUS -> SOFTPLUS;
                    case GELU -> GELU;
                    case SILU -> SILU;
                    case SOFTMAX -> SOFTMAX;
                };
            }
        }
        throw new IllegalArgumentException("unknown activation \"" + name + "\"; valid: identity, relu, leaky_relu, "
                + "leaky_relu(<slope in [0, 1)>), sigmoid, tanh, softplus, gelu, silu, softmax");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation a && a.kind == kind && Float.compare(a.slope, slope) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * kind.ordinal() + Float.hashCode(slope);   // ordinal, not the enum's identity hash: stable across runs
    }

    /** Same as {@link #name()}. */
    @Override
    public String toString() {
        return name();
    }
}
