package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Vectors;
import java.util.List;
import java.util.Objects;

/**
 * A fully connected layer: {@code z = a Wᵀ + b}, {@code a' = f(z)}, batch-major, with W stored
 * {@code units x inputs} (the PyTorch layout) and b of length {@code units}. An input of any shape is read as
 * its {@link Shape#size()} features (an image or a sequence is flattened, in its storage order).
 *
 * <p>Forward is one GEMM with the bias and the activation applied to each finished tile ({@code a' = f(a Wᵀ +
 * b)}). When f′ needs z (GELU, SiLU) or f is a softmax, the GEMM writes z, which the state keeps, and f runs as
 * a second pass. Backward is BP4 (one GEMM), BP3 (column sums) and BP2's product {@code δ W}, into which a
 * workspace may fold the layer below's f′ (see {@link Tensor#fusedDerivative()}).
 */
public final class Dense implements Layer {

    /**
     * A dense layer's configuration: {@code units} outputs with activation {@code activation}.
     *
     * @param units      outputs, {@code >= 1}
     * @param activation f, applied last
     */
    public record Config(int units, Activation activation) implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            Objects.requireNonNull(activation, "activation");
            if (units < 1) {
                throw new IllegalArgumentException("dense: units must be >= 1, was " + units);
            }
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new Dense(name, input, units, activation, parameters);
        }

        @Override
        public String type() {
            return "dense";
        }

        @Override
        public LayerFactory withoutActivation() {
            return new Config(units, Activation.IDENTITY);
        }
    }

    /** What forward keeps for backward: z, when f′ needs it or f is a softmax. */
    private record State(float[] preActivation) implements LayerState {
    }

    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final boolean keepsPreActivation;
    private final Parameter weights;
    private final Parameter bias;

    private Dense(String name, Shape input, int units, Activation activation, ParameterSource parameters) {
        this.name = name;
        this.inputShape = input;
        this.outputShape = Shape.flat(units);
        this.inputs = input.size();
        this.units = units;
        this.activation = activation;
        this.keepsPreActivation = !activation.isElementwise() || !activation.derivativeFromOutput();
        this.weights = parameters.create(name + ".weights", Parameter.Role.WEIGHT, activation, units, inputs);
        this.bias = parameters.create(name + ".bias", Parameter.Role.BIAS, activation, units);
    }

    /**
     * {@return a dense layer of {@code units} outputs with activation {@code f}, for {@link Network.Builder#add}}
     *
     * @param units outputs, {@code >= 1}
     * @param f the activation applied to the output
     */
    public static Config of(int units, Activation f) {
        return new Config(units, f);
    }

    /** The factory for a {@code dense} spec: {@code units}, optional {@code activation} (default identity). */
    static LayerFactory fromSpec(LayerSpec spec) {
        return new Config(spec.intOption("units", 1, Integer.MAX_VALUE),
                spec.activationOption("activation", Activation.IDENTITY));
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

    /** {@return outputs per example} */
    public int units() {
        return units;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    /**
     * W, {@code units x inputs}.
     *
     * @return the weights W (live: the layer's own array)
     */
    public Parameter weights() {
        return weights;
    }

    /**
     * b, length {@code units}.
     *
     * @return the bias b (live: the layer's own array)
     */
    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("dense", "units", Integer.toString(units), "activation", activation.name());
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State(keepsPreActivation ? new float[Math.multiplyExact(maxBatch, units)] : null);
    }

    @Override
    public float[] derivativeInput(LayerState state, Tensor output) {
        return activation.derivativeFromOutput() ? output.values() : ((State) state).preActivation();
    }

    @Override
    public boolean fusesInputDerivative() {
        return true;
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        float[] a = output.values();
        if (!keepsPreActivation) {
            // a' = f(a Wᵀ + b): one pass, the output written once.
            affine(input.values(), batch, a, activation);
            return;
        }
        float[] z = ((State) state).preActivation();
        affine(input.values(), batch, z, Activation.IDENTITY);
        RowActivations.forward(activation, batch, units, z, a);
    }

    /** {@code out = f(x Wᵀ + b)}, with f applied in the GEMM's epilogue. */
    private void affine(float[] x, int batch, float[] out, Activation f) {
        Gemm.sgemm(false, true, batch, units, inputs,
                1f, x, 0, inputs,
                weights.values(), 0, inputs,
                0f, out, 0, units,
                bias.values(), 0, f);
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        float[] delta = output.gradient();
        if (output.fusedDerivative() == null) {
            // δ = ∂C/∂a' ⊙ f′(z), in place.
            RowActivations.multiplyByDerivative(activation, batch, units, output.values(),
                    ((State) state).preActivation(), delta);
        }
        float[] x = input.values();
        if (parameterGradients) {
            // BP4: ∂C/∂W = δᵀ a, units x inputs, summed over the batch (δ already carries the 1/batch).
            Gemm.sgemm(true, false, units, inputs, batch,
                    1f, delta, 0, units,
                    x, 0, inputs,
                    0f, weights.gradient(), 0, inputs);
            // BP3: ∂C/∂b = δ, summed over the batch.
            Vectors.columnSums(batch, units, delta, 0, units, 0f, bias.gradient(), 0);
        }
        if (!inputGradient) {
            return;
        }
        float[] below = input.gradient();
        Activation f = input.fusedDerivative();
        if (f == null) {
            // ∂C/∂a = δ W.
            Gemm.sgemm(false, false, batch, inputs, units,
                    1f, delta, 0, units,
                    weights.values(), 0, inputs,
                    0f, below, 0, inputs);
        } else {
            // BP2 whole: δ_below = (δ W) ⊙ f′_below, the product and the derivative in one GEMM.
            Gemm.sgemmTimesDerivative(false, false, batch, inputs, units,
                    1f, delta, 0, units,
                    weights.values(), 0, inputs,
                    0f, below, 0, inputs,
                    f, input.derivativeInput(), 0, inputs);
        }
    }

    @Override
    public String describe() {
        return units + (activation.kind() == Activation.Kind.IDENTITY ? "" : " " + activation.name());
    }

    @Override
    public String toString() {
        return name + ": dense " + inputShape + " → " + units + " " + activation.name();
    }
}
