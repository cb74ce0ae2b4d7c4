package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.BatchNormalization;
import java.util.List;

/**
 * Batch normalization (Ioffe and Szegedy), as PyTorch's {@code BatchNorm1d}/{@code BatchNorm2d}: per channel of
 * an image (over the batch and every pixel) or per feature of a flat or sequence input (over the batch and
 * every step), {@code y = γ (x − μ) / sqrt(σ² + ε) + β}. In training μ and σ² are the batch's (σ² biased) and
 * the running statistics move towards them with {@code momentum}, the running variance taking the unbiased
 * estimate; in inference the running statistics are used. γ and β are trained; the running mean and variance
 * are buffers saved with the model. Defaults are PyTorch's: momentum 0.1, ε 1e-5, γ 1, β 0.
 */
public final class BatchNorm implements Layer {

    /**
     * Batch normalization's configuration.
     *
     * @param momentum how far the running statistics move towards each batch's, in (0, 1]
     * @param epsilon  added to the variance, {@code > 0}
     */
    public record Config(float momentum, float epsilon) implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            if (!(momentum > 0 && momentum <= 1) || !(epsilon > 0) || Float.isInfinite(epsilon)) {
                throw new IllegalArgumentException("batchnorm: momentum must be in (0, 1] and eps finite and > 0,"
                        + " were " + momentum + " and " + epsilon);
            }
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new BatchNorm(name, input, this, parameters);
        }

        @Override
        public String type() {
            return "batchnorm";
        }
    }

    /** The last forward's mode, and the batch statistics a training forward saves for backward. */
    private static final class State implements LayerState {
        final float[] mean;
        final float[] inverseStd;
        Mode mode = Mode.INFERENCE;

        State(int channels) {
            mean = new float[channels];
            inverseStd = new float[channels];
        }
    }

    private final String name;
    private final Config config;
    private final Shape shape;
    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVariance;

    private BatchNorm(String name, Shape input, Config config, ParameterSource parameters) {
        this.name = name;
        this.config = config;
        this.shape = input;
        this.channels = input.features();
        this.gamma = parameters.create(name + ".gamma", Parameter.Role.GAMMA, Activation.IDENTITY, channels);
        this.beta = parameters.create(name + ".beta", Parameter.Role.BETA, Activation.IDENTITY, channels);
        this.runningMean = parameters.create(name + ".running_mean", Parameter.Role.RUNNING_MEAN,
                Activation.IDENTITY, channels);
        this.runningVariance = parameters.create(name + ".running_var", Parameter.Role.RUNNING_VARIANCE,
                Activation.IDENTITY, channels);
    }

    /** {@return batch normalization with PyTorch's defaults} */
    public static Config of() {
        return new Config(BatchNormalization.DEFAULT_MOMENTUM, BatchNormalization.DEFAULT_EPS);
    }

    /** A {@code batchnorm} spec: optional {@code momentum} and {@code eps}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        return new Config(spec.floatOption("momentum", BatchNormalization.DEFAULT_MOMENTUM, Float.MIN_VALUE, 1f),
                spec.floatOption("eps", BatchNormalization.DEFAULT_EPS, Float.MIN_VALUE, Float.MAX_VALUE));
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
        return List.of(gamma, beta, runningMean, runningVariance);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("batchnorm", "momentum", Float.toString(config.momentum()), "eps",
                Float.toString(config.epsilon()));
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State(channels);
    }

    /** Rows of the per-channel matrix for {@code batch} examples: every pixel or step of every example. */
    private int rows(int batch) {
        return batch * (shape.size() / channels);
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        State s = (State) state;
        s.mode = mode;
        int rows = rows(batch);
        if (mode == Mode.TRAINING) {
            if (rows < 2) {
                throw new IllegalArgumentException(name + ": batch normalization in training needs at least 2"
                        + " values per channel, the batch has " + rows);
            }
            BatchNormalization.trainingForward(rows, channels, input.values(), 0, channels, gamma.values(), 0,
                    beta.values(), 0, config.epsilon(), config.momentum(), runningMean.values(), 0,
                    runningVariance.values(), 0, output.values(), 0, channels, s.mean, 0, s.inverseStd, 0);
        } else {
            BatchNormalization.inferenceForward(rows, channels, input.values(), 0, channels, gamma.values(), 0,
                    beta.values(), 0, config.epsilon(), runningMean.values(), 0, runningVariance.values(), 0,
                    output.values(), 0, channels);
        }
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        State s = (State) state;
        int rows = rows(batch);
        if (s.mode == Mode.TRAINING) {
            // The batch statistics depend on every input: the kernel's full backward. It writes dγ and dβ
            // whether or not they are wanted, and dx into the input gradient (or, unasked, into a scratch).
            float[] dx = inputGradient ? input.gradient() : null;
            BatchNormalization.backward(rows, channels, input.values(), 0, channels, output.gradient(), 0, channels,
                    gamma.values(), 0, s.mean, 0, s.inverseStd, 0, dx != null ? dx : output.gradient(), 0, channels,
                    gamma.gradient(), 0, beta.gradient(), 0);
            return;
        }
        inferenceBackward(rows, input, output, s, inputGradient, parameterGradients);
    }

    /**
     * Inference normalizes with constants, so it is an affine map per channel: {@code ∂C/∂x = ∂C/∂y γ / sqrt(σ²_run
     * + ε)}, {@code ∂C/∂γ = Σ ∂C/∂y x̂}, {@code ∂C/∂β = Σ ∂C/∂y}. Only saliency maps and gradient checks run it.
     */
    private void inferenceBackward(int rows, Tensor input, Tensor output, State s, boolean inputGradient,
                                   boolean parameterGradients) {
        float[] x = input.values();
        float[] dy = output.gradient();
        float[] g = gamma.values();
        float[] mu = runningMean.values();
        float[] variance = runningVariance.values();
        for (int c = 0; c < channels; c++) {
            s.inverseStd[c] = (float) (1.0 / Math.sqrt((double) variance[c] + config.epsilon()));
        }
        if (parameterGradients) {
            float[] dg = gamma.gradient();
            float[] db = beta.gradient();
            for (int c = 0; c < channels; c++) {
                double sumG = 0;
                double sumB = 0;
                for (int r = 0; r < rows; r++) {
                    int i = r * channels + c;
                    sumG += (double) dy[i] * (x[i] - mu[c]) * s.inverseStd[c];
                    sumB += dy[i];
                }
                dg[c] = (float) sumG;
                db[c] = (float) sumB;
            }
        }
        if (inputGradient) {
            float[] dx = input.gradient();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    int i = r * channels + c;
                    dx[i] = dy[i] * g[c] * s.inverseStd[c];
                }
            }
        }
    }

    @Override
    public String describe() {
        return "batchnorm";
    }

    @Override
    public String toString() {
        return name + ": batchnorm over " + channels + " channels of " + shape;
    }
}
