package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Recurrent;
import dev.lanes.kernels.Vectors;
import java.util.Arrays;
import java.util.Objects;

/**
 * A long short-term memory layer (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers et al. 2000), as
 * PyTorch's {@code nn.LSTM} with one layer and {@code batch_first=True}: per step, with the gate blocks
 * {@code i | f | g | o} side by side,
 * <pre>
 *   [i f g o] = [σ σ tanh σ](x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)
 *   c_t = f c_{t−1} + i g,   h_t = o tanh(c_t),   h_{−1} = c_{−1} = 0
 * </pre>
 * The shared parts (parameters, output, truncation, the time loop) are described in {@link RecurrentLayer}.
 * <b>Forget-gate bias</b> ({@code forget_bias}, default 1): the f block of b_ih starts at this value (b_hh's at
 * 0, so the gate's total bias is the value), the rest of both biases at 0; PyTorch starts it at
 * U(−1/√H, 1/√H), i.e. near 0, Keras at 1 ({@code unit_forget_bias}). With f ≈ σ(1) = 0.73 the cell keeps
 * most of its content from step to step before training has taught it to, which helps long-range tasks. A
 * value of 0 leaves the biases to the network's initializer.
 *
 * <p>Per forward pass: one GEMM {@code G = X W_ihᵀ + (b_ih + b_hh)} over all steps, then per step
 * {@code G_t += h_{t−1} W_hhᵀ} (a GEMM with β = 1; none at t = 0) and {@link Recurrent#lstmForward}, which
 * activates the gates in place in G_t and writes c_t and h_t. Backward runs {@link Recurrent#lstmBackward}
 * per step (the gate gradients in place over the gates) and {@code dh_{t−1} += dG_t W_hh}, then
 * {@code ∂C/∂W_ih = dGᵀ X}, {@code ∂C/∂W_hh = dGᵀ H_prev}, both biases' gradients as the column sums of dG,
 * and {@code ∂C/∂X = dG W_ih}, one call each over all steps.
 */
public final class Lstm extends RecurrentLayer {

    /**
     * An LSTM layer's configuration.
     *
     * @param options    units, output, truncation, orthogonal weight_hh
     * @param forgetBias the forget gate's initial bias; 0 leaves it to the network's initializer
     */
    public record Config(Options options, float forgetBias) implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            Objects.requireNonNull(options, "options");
            if (!Float.isFinite(forgetBias)) {
                throw new IllegalArgumentException("lstm: forget_bias must be finite, was " + forgetBias);
            }
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new Lstm(name, input, this, parameters);
        }

        @Override
        public String type() {
            return "lstm";
        }
    }

    /** The default forget-gate bias. */
    public static final float DEFAULT_FORGET_BIAS = 1f;

    /** What forward keeps: the gates and the cell states of every step; backward's dc. */
    private static final class LstmState extends State {
        /** The gate pre-activations, then the activated gates, then their gradients: steps x batch x 4H. */
        final float[] gates;
        /** c_{t−1} in slot t: (steps + 1) x batch x H. */
        final float[] cells;
        /** b_ih + b_hh. */
        final float[] bias;
        /** ∂C/∂c of the step being processed, batch x H; on the first backward. */
        float[] dc;

        LstmState(Lstm layer, int maxBatch) {
            super(layer, maxBatch);
            int rows = Math.multiplyExact(layer.steps, maxBatch);
            this.gates = new float[Math.multiplyExact(rows, 4 * layer.units)];
            this.cells = new float[Math.multiplyExact(rows + maxBatch, layer.units)];
            this.bias = new float[4 * layer.units];
        }

        @Override
        void allocateBackward(RecurrentLayer layer) {
            super.allocateBackward(layer);
            if (dc == null) {
                dc = new float[Math.multiplyExact(maxBatch, layer.units)];
            }
        }
    }

    private final float forgetBias;

    private Lstm(String name, Shape input, Config config, ParameterSource parameters) {
        super("lstm", name, input, config.options(), 4, Activation.SIGMOID,
                config.forgetBias() == 0 ? null : forgetGateBias(config.forgetBias()), parameters);
        this.forgetBias = config.forgetBias();
    }

    /** b_ih's start: the forget block (the second of four) at {@code value}, the rest 0. */
    private static ParameterSource.Init forgetGateBias(float value) {
        return (p, random) -> {
            float[] v = p.values();
            int h = v.length / 4;
            Arrays.fill(v, 0f);
            Arrays.fill(v, h, 2 * h, value);
        };
    }

    /**
     * {@return an LSTM of {@code units} units with the defaults (last step's output, full BPTT, orthogonal W_hh,
     * forget bias 1)}
     *
     * @param units hidden units H, {@code >= 1}
     */
    public static Config of(int units) {
        return new Config(Options.of(units), DEFAULT_FORGET_BIAS);
    }

    /** An {@code lstm} spec: {@code units}; {@code seq}, {@code bptt}, {@code orthogonal}, {@code forget_bias}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        return new Config(Options.fromSpec(spec), spec.floatOption("forget_bias", DEFAULT_FORGET_BIAS, -100f, 100f));
    }

    /** {@return the forget gate's initial bias (0: the network's initializer's)} */
    public float forgetBias() {
        return forgetBias;
    }

    @Override
    public LayerSpec spec() {
        return spec(LayerSpec.of("lstm", "units", Integer.toString(units)))
                .with("forget_bias", Float.toString(forgetBias));
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new LstmState(this, maxBatch);
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        LstmState s = (LstmState) state;
        int h = units;
        int h4 = 4 * h;
        int block = batch * h;
        loadInput(input, batch, s);
        sumBiases(s.bias);
        // G = X W_ihᵀ + (b_ih + b_hh), every step at once.
        Gemm.sgemm(false, true, steps * batch, h4, features,
                1f, s.x, 0, features,
                weightIh.values(), 0, features,
                0f, s.gates, 0, h4,
                s.bias, 0, Activation.IDENTITY);
        Arrays.fill(s.cells, 0, block, 0f);
        for (int t = 0; t < steps; t++) {
            int g = t * batch * h4;
            if (t > 0) {
                // G_t += h_{t−1} W_hhᵀ (h_{−1} = 0 adds nothing).
                Gemm.sgemm(false, true, batch, h4, h,
                        1f, s.hidden, t * block, h,
                        weightHh.values(), 0, h,
                        1f, s.gates, g, h4);
            }
            Recurrent.lstmForward(batch, h, s.gates, g, h4, s.cells, t * block, h, s.gates, g, h4,
                    s.cells, (t + 1) * block, h, s.hidden, (t + 1) * block, h);
        }
        storeOutput(s, output, batch);
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (!inputGradient && !parameterGradients) {
            return;
        }
        LstmState s = (LstmState) state;
        int h = units;
        int h4 = 4 * h;
        int block = batch * h;
        loadOutputGradient(s, output, batch);
        Arrays.fill(s.dc, 0, block, 0f);
        float[] dh = dhArray(s);
        int first = firstBackwardStep();
        for (int t = steps - 1; t >= first; t--) {
            int g = t * batch * h4;
            record(s, t, batch);
            // The gate gradients dG_t in place over the gates; dc_{t−1} in place over dc.
            Recurrent.lstmBackward(batch, h, s.gates, g, h4, s.cells, t * block, h, s.cells, (t + 1) * block, h,
                    dh, dhOffset(t, batch), h, s.dc, 0, h, s.gates, g, h4, s.dc, 0, h);
            if (t == 0 || startsWindow(t)) {
                // The state entering a window is a constant: nothing flows into step t−1 from here.
                Arrays.fill(s.dc, 0, block, 0f);
                continue;
            }
            // dh_{t−1} = (the gradient from above, for seq=all) + dG_t W_hh.
            Gemm.sgemm(false, false, batch, h, h4,
                    1f, s.gates, g, h4,
                    weightHh.values(), 0, h,
                    allSteps() ? 1f : 0f, dh, dhOffset(t - 1, batch), h);
        }
        int rows = (steps - first) * batch;
        if (parameterGradients) {
            weightGradients(s, batch, first, rows);
        }
        if (inputGradient) {
            // ∂C/∂X = dG W_ih, time-major over the input copy, then back to batch-major.
            Gemm.sgemm(false, false, rows, features, h4,
                    1f, s.gates, first * batch * h4, h4,
                    weightIh.values(), 0, features,
                    0f, s.x, first * batch * features, features);
            storeInputGradient(s, input, batch, first);
        }
    }

    /** ∂C/∂W_ih = dGᵀ X, ∂C/∂W_hh = dGᵀ H_prev (no term for h_{−1} = 0), both biases' = column sums of dG. */
    private void weightGradients(LstmState s, int batch, int first, int rows) {
        int h = units;
        int h4 = 4 * h;
        int g = first * batch * h4;
        Gemm.sgemm(true, false, h4, features, rows,
                1f, s.gates, g, h4,
                s.x, first * batch * features, features,
                0f, weightIh.gradient(), 0, features);
        recurrentWeightGradient(s.gates, h4, s, batch, first);
        Vectors.columnSums(rows, h4, s.gates, g, h4, 0f, biasIh.gradient(), 0);
        System.arraycopy(biasIh.gradient(), 0, biasHh.gradient(), 0, h4);
    }
}
