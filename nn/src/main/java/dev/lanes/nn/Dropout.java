package dev.lanes.nn;

import dev.lanes.kernels.Dropouts;
import java.util.List;

/**
 * Inverted dropout, as PyTorch's {@code Dropout}: in training each value is zeroed with probability
 * {@code rate} and the kept ones are scaled by {@code 1 / (1 − rate)}; in inference it is the identity. The
 * mask is a pure function of (seed, step, position) ({@link Dropouts}): the same seed gives the same masks at
 * any thread count, and backward recomputes the mask instead of storing it. The seed is the {@code seed} option,
 * by default derived from the layer's name (so two dropout layers of one network draw different masks); the
 * step counts this workspace's training batches.
 */
public final class Dropout implements Layer {

    /**
     * Dropout's configuration.
     *
     * @param rate the probability of zeroing a value, in [0, 1)
     * @param seed the mask's seed, or null for one derived from the layer's name
     */
    public record Config(float rate, Long seed) implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout: rate must be in [0, 1), was " + rate);
            }
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new Dropout(name, input, this);
        }

        @Override
        public String type() {
            return "dropout";
        }
    }

    /** The step of the last training forward (its mask is recomputed from it). */
    private static final class State implements LayerState {
        long step = -1;
        Mode mode = Mode.INFERENCE;
    }

    private final String name;
    private final Config config;
    private final Shape shape;
    private final long seed;

    private Dropout(String name, Shape input, Config config) {
        this.name = name;
        this.config = config;
        this.shape = input;
        this.seed = config.seed() != null ? config.seed() : name.hashCode();
    }

    /**
     * {@return dropout of {@code rate}}
     *
     * @param rate the probability of dropping an input in training, in [0, 1)
     */
    public static Config of(float rate) {
        return new Config(rate, null);
    }

    /** A {@code dropout} spec: {@code rate}, optional {@code seed}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        String seed = spec.get("seed");
        Long s;
        try {
            s = seed == null ? null : Long.parseLong(seed.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dropout: seed must be an integer, was '" + seed + "'");
        }
        return new Config(spec.floatOption("rate", 0f, 0f, Math.nextDown(1f)), s);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("dropout", "rate", Float.toString(config.rate()), "seed", Long.toString(seed));
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State();
    }

    /** The step whose mask the last training forward of {@code state} used (for tests). */
    static long step(LayerState state) {
        return ((State) state).step;
    }

    /** The mask's seed. */
    long seed() {
        return seed;
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        State s = (State) state;
        s.mode = mode;
        int n = batch * shape.size();
        if (mode == Mode.TRAINING) {
            s.step++;
            Dropouts.forward(n, config.rate(), seed, s.step, 0, input.values(), 0, output.values(), 0);
        } else {
            System.arraycopy(input.values(), 0, output.values(), 0, n);
        }
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (!inputGradient) {
            return;
        }
        State s = (State) state;
        int n = batch * shape.size();
        if (s.mode == Mode.TRAINING) {
            Dropouts.backward(n, config.rate(), seed, s.step, 0, output.gradient(), 0, input.gradient(), 0);
        } else {
            System.arraycopy(output.gradient(), 0, input.gradient(), 0, n);
        }
    }

    @Override
    public String describe() {
        return "dropout " + config.rate();
    }

    @Override
    public String toString() {
        return name + ": dropout " + config.rate() + " of " + shape;
    }
}
