package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Convolutions;
import java.util.List;
import java.util.Objects;

/**
 * A 2-D convolution over images, as PyTorch's {@code Conv2d} (a cross-correlation): {@code filters} output
 * channels, each a {@code kernel x kernel} window over every input channel, with stride, zero padding
 * ({@code pad=same} keeps the size at stride 1) and dilation, then the bias and the activation. Input and
 * output are images stored channels last (see {@link Shape}); the weights are
 * {@code filters x kernel x kernel x inChannels} (OHWI), so each filter is one row of the GEMM that
 * computes the layer (see docs/convolution.md, and {@link Conv2dGeometry} for the mapping to PyTorch's OIHW).
 *
 * <p>It is the dense layer's four equations with weights shared over positions: forward is one convolution
 * kernel call with the bias and f fused ({@code a' = f(conv(a, W) + b)}), backward multiplies by f′ (BP1/BP2's
 * ⊙), then BP4 and BP3 ({@code ∂C/∂W}, {@code ∂C/∂b}: sums over the batch and every position) and BP2's
 * product back to the input image.
 */
public final class Conv2D implements Layer {

    /**
     * A convolution's configuration.
     *
     * @param filters    output channels, {@code >= 1}
     * @param kernel     the window's side, {@code >= 1}
     * @param activation f, applied last
     * @param stride     input pixels between two outputs, {@code >= 1}
     * @param padding    zeros around the input on each side, {@code >= 0}, or {@link #SAME}
     * @param dilation   input pixels between two window taps, {@code >= 1}
     */
    public record Config(int filters, int kernel, Activation activation, int stride, int padding, int dilation)
            implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            Objects.requireNonNull(activation, "activation");
            if (!activation.isElementwise()) {
                throw new IllegalArgumentException("conv: activation must be elementwise, was " + activation.name());
            }
            if (filters < 1 || kernel < 1 || stride < 1 || dilation < 1 || (padding < 0 && padding != SAME)) {
                throw new IllegalArgumentException("conv: filters, kernel, stride and dilation must be >= 1 and"
                        + " pad >= 0 or same, were " + filters + ", " + kernel + ", " + stride + ", " + dilation
                        + " and " + (padding == SAME ? "same" : padding));
            }
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new Conv2D(name, input, this, parameters);
        }

        @Override
        public String type() {
            return "conv";
        }

        @Override
        public LayerFactory withoutActivation() {
            return new Config(filters, kernel, Activation.IDENTITY, stride, padding, dilation);
        }
    }

    /** The padding value that means "same": as much as keeps the output size at stride 1. */
    public static final int SAME = -1;

    /** What forward keeps: the kernels' scratch (column buffer), and z when f′ needs it. */
    private record State(float[] scratch, float[] preActivation) implements LayerState {
    }

    private final String name;
    private final Config config;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Conv2dGeometry geometry;
    private final Parameter weights;
    private final Parameter bias;

    private Conv2D(String name, Shape input, Config config, ParameterSource parameters) {
        if (!input.isImage()) {
            throw new IllegalArgumentException("conv needs an image input (channels x height x width), got "
                    + input);
        }
        this.name = name;
        this.config = config;
        this.inputShape = input;
        Conv2dGeometry.Builder g = Conv2dGeometry.builder(input.channels(), input.height(), input.width())
                .outChannels(config.filters()).kernel(config.kernel(), config.kernel())
                .stride(config.stride(), config.stride()).dilation(config.dilation(), config.dilation());
        if (config.padding() == SAME) {
            g.samePadding();
        } else {
            g.padding(config.padding(), config.padding(), config.padding(), config.padding());
        }
        this.geometry = g.build();
        this.outputShape = Shape.image(config.filters(), geometry.outHeight(), geometry.outWidth());
        Activation f = config.activation();
        this.weights = parameters.create(name + ".weights", Parameter.Role.WEIGHT, f, config.filters(),
                config.kernel(), config.kernel(), input.channels());
        this.bias = parameters.create(name + ".bias", Parameter.Role.BIAS, f, config.filters());
    }

    /**
     * {@return a convolution of {@code filters} {@code kernel x kernel} filters, stride 1, no padding}
     *
     * @param filters output channels, {@code >= 1}
     * @param kernel the window side, {@code >= 1}
     * @param f the activation applied to the output, elementwise
     */
    public static Config of(int filters, int kernel, Activation f) {
        return new Config(filters, kernel, f, 1, 0, 1);
    }

    /** A {@code conv} spec: {@code filters}, {@code kernel}, optional {@code activation}, stride, pad, dilation. */
    static LayerFactory fromSpec(LayerSpec spec) {
        String pad = spec.get("pad");
        int padding = "same".equals(pad) ? SAME : spec.intOption("pad", 0, 0, 1 << 16);
        return new Config(spec.intOption("filters", 1, 1 << 16), spec.intOption("kernel", 1, 1 << 12),
                spec.activationOption("activation", Activation.IDENTITY), spec.intOption("stride", 1, 1, 1 << 12),
                padding, spec.intOption("dilation", 1, 1, 1 << 12));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public Activation activation() {
        return config.activation();
    }

    /** {@return the window geometry over this layer's input} */
    public Conv2dGeometry geometry() {
        return geometry;
    }

    /** {@return the filters, {@code filters x kernel x kernel x inChannels}} */
    public Parameter weights() {
        return weights;
    }

    /** {@return one bias per filter} */
    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("conv", "filters", Integer.toString(config.filters()),
                "kernel", Integer.toString(config.kernel()), "activation", config.activation().name(),
                "stride", Integer.toString(config.stride()),
                "pad", config.padding() == SAME ? "same" : Integer.toString(config.padding()),
                "dilation", Integer.toString(config.dilation()));
    }

    @Override
    public String describe() {
        Activation f = config.activation();
        return "conv " + config.filters() + "x" + config.kernel() + "x" + config.kernel()
                + (f.kind() == Activation.Kind.IDENTITY ? "" : " " + f.name()) + " → " + outputShape;
    }

    @Override
    public LayerState newState(int maxBatch) {
        float[] z = RowActivations.needsPreActivation(config.activation())
                ? new float[Math.multiplyExact(maxBatch, outputShape.size())] : null;
        return new State(new float[Convolutions.scratchSize(geometry, maxBatch)], z);
    }

    @Override
    public float[] derivativeInput(LayerState state, Tensor output) {
        return config.activation().derivativeFromOutput() ? output.values() : ((State) state).preActivation();
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        State s = (State) state;
        Activation f = config.activation();
        if (s.preActivation() == null) {
            Convolutions.forward(geometry, batch, input.values(), 0, weights.values(), 0, bias.values(), 0, f,
                    output.values(), 0, s.scratch(), 0);
        } else {
            Convolutions.forward(geometry, batch, input.values(), 0, weights.values(), 0, bias.values(), 0,
                    Activation.IDENTITY, s.preActivation(), 0, s.scratch(), 0);
            RowActivations.forward(f, batch, outputShape.size(), s.preActivation(), output.values());
        }
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        State s = (State) state;
        float[] delta = output.gradient();
        if (output.fusedDerivative() == null) {
            RowActivations.multiplyByDerivative(config.activation(), batch, outputShape.size(), output.values(),
                    s.preActivation(), delta);
        }
        if (parameterGradients) {
            // BP4 and BP3, summed over the batch and every output position.
            Convolutions.backwardWeights(geometry, batch, input.values(), 0, delta, 0, weights.gradient(), 0,
                    bias.gradient(), 0, s.scratch(), 0);
        }
        if (inputGradient) {
            // BP2's product: every output position's δ back through its window.
            Convolutions.backwardInput(geometry, batch, delta, 0, weights.values(), 0, input.gradient(), 0,
                    s.scratch(), 0);
        }
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
