package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Recurrent;
import dev.lanes.kernels.Vectors;
import java.util.Objects;

/**
 * A plain (Elman) recurrent layer, as PyTorch's {@code nn.RNN} with one layer and {@code batch_first=True}:
 * per step {@code h_t = f(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)}, {@code h_{−1} = 0}, f tanh (the default)
 * or ReLU. The shared parts (parameters, output, truncation, the time loop) are described in
 * {@link RecurrentLayer}. The gradient reaching step t from step s > t is multiplied by
 * {@code Π diag(f′) W_hh} over the steps between: it shrinks (or grows) geometrically with s − t, which is
 * what makes long-range dependencies hard for this cell and what the LSTM's and GRU's gates avoid.
 *
 * <p>Per forward pass: one GEMM {@code P = X W_ihᵀ + (b_ih + b_hh)} over all steps, then per step
 * {@code P_t += h_{t−1} W_hhᵀ} (none at t = 0) and {@link Recurrent#rnnForward}. Backward runs
 * {@link Recurrent#rnnBackward} (the pre-activation gradient in place over P) and
 * {@code dh_{t−1} += dP_t W_hh} per step, then the weight and bias gradients and {@code ∂C/∂X}, one call each
 * over all steps.
 */
public final class SimpleRnn extends RecurrentLayer {

    /**
     * A plain RNN layer's configuration.
     *
     * @param options      units, output, truncation, orthogonal weight_hh
     * @param nonlinearity f: {@link Activation#TANH} or {@link Activation#RELU} (PyTorch's name; the cell's
     *                     own, not an activation the network applies after the layer)
     */
    public record Config(Options options, Activation nonlinearity) implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(nonlinearity, "nonlinearity");
            if (nonlinearity.kind() != Activation.Kind.TANH && nonlinearity.kind() != Activation.Kind.RELU) {
                throw new IllegalArgumentException("rnn: activation must be tanh or relu, was " + nonlinearity.name());
            }
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new SimpleRnn(name, input, this, parameters);
        }

        @Override
        public String type() {
            return "rnn";
        }
    }

    /** What forward keeps: the pre-activations of every step (then their gradients), b_ih + b_hh. */
    private static final class RnnState extends State {
        /** steps x batch x H. */
        final float[] pre;
        final float[] bias;

        RnnState(SimpleRnn layer, int maxBatch) {
            super(layer, maxBatch);
            this.pre = new float[Math.multiplyExact(Math.multiplyExact(layer.steps, maxBatch), layer.units)];
            this.bias = new float[layer.units];
        }
    }

    private final Activation activation;

    private SimpleRnn(String name, Shape input, Config config, ParameterSource parameters) {
        super("rnn", name, input, config.options(), 1, config.nonlinearity(), null, parameters);
        this.activation = config.nonlinearity();
    }

    /**
     * {@return a tanh RNN of {@code units} units with the defaults (last step's output, full BPTT, orthogonal
     * W_hh)}
     *
     * @param units hidden units H, {@code >= 1}
     */
    public static Config of(int units) {
        return new Config(Options.of(units), Activation.TANH);
    }

    /** An {@code rnn} spec: {@code units}, optional {@code activation} (tanh or relu, default tanh); {@code seq}, {@code bptt}, {@code orthogonal}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        return new Config(Options.fromSpec(spec), spec.activationOption("activation", Activation.TANH));
    }

    /**
     * {@return f, tanh or ReLU} (The layer's output is f's, but it is no elementwise activation a layer above
     * could fuse.)
     */
    public Activation nonlinearity() {
        return activation;
    }

    @Override
    public LayerSpec spec() {
        return spec(LayerSpec.of("rnn", "units", Integer.toString(units), "activation", activation.name()));
    }

    @Override
    public String describe() {
        return super.describe() + " " + activation.name();
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new RnnState(this, maxBatch);
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        RnnState s = (RnnState) state;
        int h = units;
        int block = batch * h;
        loadInput(input, batch, s);
        sumBiases(s.bias);
        Gemm.sgemm(false, true, steps * batch, h, features,
                1f, s.x, 0, features,
                weightIh.values(), 0, features,
                0f, s.pre, 0, h,
                s.bias, 0, Activation.IDENTITY);
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                Gemm.sgemm(false, true, batch, h, h,
                        1f, s.hidden, t * block, h,
                        weightHh.values(), 0, h,
                        1f, s.pre, t * block, h);
            }
            Recurrent.rnnForward(activation, batch, h, s.pre, t * block, h, s.hidden, (t + 1) * block, h);
        }
        storeOutput(s, output, batch);
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (!inputGradient && !parameterGradients) {
            return;
        }
        RnnState s = (RnnState) state;
        int h = units;
        int block = batch * h;
        loadOutputGradient(s, output, batch);
        float[] dh = dhArray(s);
        int first = firstBackwardStep();
        for (int t = steps - 1; t >= first; t--) {
            record(s, t, batch);
            // dP_t = dh_t ⊙ f′, in place over P_t.
            Recurrent.rnnBackward(activation, batch, h, s.hidden, (t + 1) * block, h, dh, dhOffset(t, batch), h,
                    s.pre, t * block, h);
            if (t == 0 || startsWindow(t)) {
                continue; // the state entering a window is a constant
            }
            Gemm.sgemm(false, false, batch, h, h,
                    1f, s.pre, t * block, h,
                    weightHh.values(), 0, h,
                    allSteps() ? 1f : 0f, dh, dhOffset(t - 1, batch), h);
        }
        int rows = (steps - first) * batch;
        int pre = first * block;
        if (parameterGradients) {
            Gemm.sgemm(true, false, h, features, rows,
                    1f, s.pre, pre, h,
                    s.x, first * batch * features, features,
                    0f, weightIh.gradient(), 0, features);
            recurrentWeightGradient(s.pre, h, s, batch, first);
            Vectors.columnSums(rows, h, s.pre, pre, h, 0f, biasIh.gradient(), 0);
            System.arraycopy(biasIh.gradient(), 0, biasHh.gradient(), 0, h);
        }
        if (inputGradient) {
            Gemm.sgemm(false, false, rows, features, h,
                    1f, s.pre, pre, h,
                    weightIh.values(), 0, features,
                    0f, s.x, first * batch * features, features);
            storeInputGradient(s, input, batch, first);
        }
    }
}
