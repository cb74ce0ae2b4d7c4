package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.random.RandomGenerator;

/** How a dense layer's weights and biases start. Weights are drawn from a zero-mean Gaussian. */
public enum Initializer {

    /** Weights and biases N(0, 1), as in Nielsen's first network; saturates deep sigmoid networks. */
    GAUSSIAN("gaussian"),

    /** Xavier/Glorot: weights N(0, 2 / (fanIn + fanOut)), biases 0; for sigmoid and tanh. */
    XAVIER("xavier"),

    /** He/Kaiming: weights N(0, 2 / fanIn), biases 0; for ReLU and its kin. */
    HE("he");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    /** The name used on the command line. */
    public String id() {
        return id;
    }

    /** The usual choice for a layer with activation {@code f}: He for the ReLU family, else Xavier. */
    public static Initializer defaultFor(Activation f) {
        return switch (f.kind()) {
            case RELU, LEAKY_RELU, GELU, SILU, SOFTPLUS -> HE;
            default -> XAVIER;
        };
    }

    /** Fills {@code weights} (fanOut x fanIn) and {@code bias} (fanOut). */
    public void initialize(float[] weights, float[] bias, int fanIn, int fanOut, RandomGenerator random) {
        double std = switch (this) {
            case GAUSSIAN -> 1.0;
            case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
            case HE -> Math.sqrt(2.0 / fanIn);
        };
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * std);
        }
        for (int i = 0; i < bias.length; i++) {
            bias[i] = this == GAUSSIAN ? (float) random.nextGaussian() : 0f;
        }
    }

    /** The initializer with this {@link #id()}; the message lists the valid names. */
    public static Initializer parse(String id) {
        for (Initializer init : values()) {
            if (init.id.equals(id)) {
                return init;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + id + "': expected one of gaussian, xavier, he");
    }
}
