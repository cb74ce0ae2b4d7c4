package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.random.RandomGenerator;

/**
 * How a weight starts: a zero-mean Gaussian whose variance comes from the parameter's fan-in and fan-out
 * ({@link Parameter#fanIn()}, {@link Parameter#fanOut()}: a convolution's kernel counts its receptive field
 * too). Every other role starts at its neutral value: biases, β and running means at 0, γ and running
 * variances at 1 ({@link #GAUSSIAN} also draws biases from N(0, 1), as in Nielsen's first network).
 */
public enum Initializer {

    /** Weights and biases N(0, 1), as in Nielsen's first network; saturates deep sigmoid networks. */
    GAUSSIAN("gaussian"),

    /** Xavier/Glorot: weights N(0, 2 / (fanIn + fanOut)); for sigmoid, tanh and linear outputs. */
    XAVIER("xavier"),

    /** He/Kaiming: weights N(0, 2 / fanIn); for ReLU and its kin. */
    HE("he");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    /** {@return the name used on the command line} */
    public String id() {
        return id;
    }

    /**
     * {@return the usual choice for weights followed by activation {@code f}: He for the ReLU family, else Xavier}
     *
     * @param f the activation that follows the weights
     */
    public static Initializer defaultFor(Activation f) {
        return switch (f.kind()) {
            case RELU, LEAKY_RELU, GELU, SILU, SOFTPLUS -> HE;
            default -> XAVIER;
        };
    }

    /**
     * Fills {@code p}'s values for its role, drawing from {@code random} (weights first, in storage order).
     *
     * @param p the parameter to fill
     * @param random the source of the draws (seeded by the network builder)
     */
    public void initialize(Parameter p, RandomGenerator random) {
        float[] v = p.values();
        switch (p.role()) {
            case WEIGHT, RECURRENT_WEIGHT -> {
                double std = switch (this) {
                    case GAUSSIAN -> 1.0;
                    case XAVIER -> Math.sqrt(2.0 / (p.fanIn() + p.fanOut()));
                    case HE -> Math.sqrt(2.0 / p.fanIn());
                };
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            }
            case BIAS -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = this == GAUSSIAN ? (float) random.nextGaussian() : 0f;
                }
            }
            case GAMMA, RUNNING_VARIANCE -> java.util.Arrays.fill(v, 1f);
            case BETA, RUNNING_MEAN -> java.util.Arrays.fill(v, 0f);
        }
    }

    /**
     * {@return the initializer with this {@link #id()}; the message lists the valid names}
     *
     * @param id the name: {@code gaussian}, {@code xavier} or {@code he} (case-insensitive)
     */
    public static Initializer parse(String id) {
        for (Initializer init : values()) {
            if (init.id.equals(id)) {
                return init;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + id + "': expected one of gaussian, xavier, he");
    }
}
