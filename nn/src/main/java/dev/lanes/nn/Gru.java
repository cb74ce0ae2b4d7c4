package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Recurrent;
import dev.lanes.kernels.Vectors;
import java.util.Arrays;
import java.util.Objects;

/**
 * A gated recurrent unit layer (Cho et al. 2014), as PyTorch's {@code nn.GRU} with one layer and
 * {@code batch_first=True}: per step, with the gate blocks {@code r | z | n},
 * <pre>
 *   [x_r x_z x_n] = x_t W_ihᵀ + b_ih,   [h_r h_z h_n] = h_{t−1} W_hhᵀ + b_hh
 *   r = σ(x_r + h_r),  z = σ(x_z + h_z),  n = tanh(x_n + r h_n),  h_t = (1 − z) n + z h_{t−1},  h_{−1} = 0
 * </pre>
 * The shared parts (parameters, output, truncation, the time loop) are described in {@link RecurrentLayer}.
 * b_hh cannot be folded into the input projection: {@code h_n} enters multiplied by r.
 *
 * <p>Per forward pass: one GEMM {@code X W_ihᵀ + b_ih} over all steps, then per step
 * {@code h_{t−1} W_hhᵀ + b_hh} (a GEMM with the bias in its epilogue; at t = 0 just b_hh) and
 * {@link Recurrent#gruForward}. Backward runs {@link Recurrent#gruBackward} per step (the input part's gradient
 * in place over the input projection) and {@code dh_{t−1} = z dh_t + dHiddenPre_t W_hh}, then the weight and
 * bias gradients and {@code ∂C/∂X}, one call each over all steps.
 */
public final class Gru extends RecurrentLayer {

    /**
     * A GRU layer's configuration.
     *
     * @param options units, output, truncation, orthogonal weight_hh
     */
    public record Config(Options options) implements LayerFactory {

        /** Checks the configuration. */
        public Config {
            Objects.requireNonNull(options, "options");
        }

        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new Gru(name, input, this, parameters);
        }

        @Override
        public String type() {
            return "gru";
        }
    }

    /** What forward keeps: the input projection (then its gradient), the gates of every step. */
    private static final class GruState extends State {
        /** X W_ihᵀ + b_ih, then its gradient (dInputPre): steps x batch x 3H. */
        final float[] inputPre;
        /** [r | z | n | h_n] of every step: steps x batch x 4H. */
        final float[] gates;
        /** h_{t−1} W_hhᵀ + b_hh of the step being computed: batch x 3H. */
        final float[] hiddenPre;
        /** The gradient of the hidden part of every step: steps x batch x 3H; on the first backward. */
        float[] dHiddenPre;
        /** ∂C/∂h_{t−1} through this step (seq=all), batch x H; on the first backward. */
        float[] dhPrev;

        GruState(Gru layer, int maxBatch) {
            super(layer, maxBatch);
            int rows = Math.multiplyExact(layer.steps, maxBatch);
            this.inputPre = new float[Math.multiplyExact(rows, 3 * layer.units)];
            this.gates = new float[Math.multiplyExact(rows, 4 * layer.units)];
            this.hiddenPre = new float[Math.multiplyExact(maxBatch, 3 * layer.units)];
        }

        @Override
        void allocateBackward(RecurrentLayer layer) {
            super.allocateBackward(layer);
            if (dHiddenPre == null) {
                dHiddenPre = new float[inputPre.length];
                dhPrev = new float[Math.multiplyExact(maxBatch, layer.units)];
            }
        }
    }

    private Gru(String name, Shape input, Config config, ParameterSource parameters) {
        super("gru", name, input, config.options(), 3, Activation.SIGMOID, null, parameters);
    }

    /**
     * {@return a GRU of {@code units} units with the defaults (last step's output, full BPTT, orthogonal W_hh)}
     *
     * @param units hidden units H, {@code >= 1}
     */
    public static Config of(int units) {
        return new Config(Options.of(units));
    }

    /** A {@code gru} spec: {@code units}; {@code seq}, {@code bptt}, {@code orthogonal}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        return new Config(Options.fromSpec(spec));
    }

    @Override
    public LayerSpec spec() {
        return spec(LayerSpec.of("gru", "units", Integer.toString(units)));
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new GruState(this, maxBatch);
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        GruState s = (GruState) state;
        int h = units;
        int h3 = 3 * h;
        int h4 = 4 * h;
        int block = batch * h;
        loadInput(input, batch, s);
        // X W_ihᵀ + b_ih, every step at once.
        Gemm.sgemm(false, true, steps * batch, h3, features,
                1f, s.x, 0, features,
                weightIh.values(), 0, features,
                0f, s.inputPre, 0, h3,
                biasIh.values(), 0, Activation.IDENTITY);
        Arrays.fill(s.hidden, 0, block, 0f);
        for (int t = 0; t < steps; t++) {
            if (t == 0) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(biasHh.values(), 0, s.hiddenPre, b * h3, h3);
                }
            } else {
                Gemm.sgemm(false, true, batch, h3, h,
                        1f, s.hidden, t * block, h,
                        weightHh.values(), 0, h,
                        0f, s.hiddenPre, 0, h3,
                        biasHh.values(), 0, Activation.IDENTITY);
            }
            Recurrent.gruForward(batch, h, s.inputPre, t * batch * h3, h3, s.hiddenPre, 0, h3,
                    s.hidden, t * block, h, s.gates, t * batch * h4, h4, s.hidden, (t + 1) * block, h);
        }
        storeOutput(s, output, batch);
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (!inputGradient && !parameterGradients) {
            return;
        }
        GruState s = (GruState) state;
        int h = units;
        int h3 = 3 * h;
        int h4 = 4 * h;
        int block = batch * h;
        loadOutputGradient(s, output, batch);
        float[] dh = dhArray(s);
        boolean all = allSteps();
        // seq=last: dh_{t−1} replaces dh_t in place; seq=all: it is added to the gradient from above.
        float[] dhPrev = all ? s.dhPrev : s.dh;
        int first = firstBackwardStep();
        for (int t = steps - 1; t >= first; t--) {
            int pre = t * batch * h3;
            record(s, t, batch);
            Recurrent.gruBackward(batch, h, s.gates, t * batch * h4, h4, s.hidden, t * block, h,
                    dh, dhOffset(t, batch), h, s.inputPre, pre, h3, s.dHiddenPre, pre, h3, dhPrev, 0, h);
            if (t == 0 || startsWindow(t)) {
                continue; // the state entering a window is a constant
            }
            // dh_{t−1} = z dh_t (written by the kernel) + dHiddenPre_t W_hh.
            Gemm.sgemm(false, false, batch, h, h3,
                    1f, s.dHiddenPre, pre, h3,
                    weightHh.values(), 0, h,
                    1f, dhPrev, 0, h);
            if (all) {
                Vectors.axpy(block, 1f, dhPrev, 0, dh, dhOffset(t - 1, batch));
            }
        }
        int rows = (steps - first) * batch;
        int pre = first * batch * h3;
        if (parameterGradients) {
            Gemm.sgemm(true, false, h3, features, rows,
                    1f, s.inputPre, pre, h3,
                    s.x, first * batch * features, features,
                    0f, weightIh.gradient(), 0, features);
            recurrentWeightGradient(s.dHiddenPre, h3, s, batch, first);
            Vectors.columnSums(rows, h3, s.inputPre, pre, h3, 0f, biasIh.gradient(), 0);
            Vectors.columnSums(rows, h3, s.dHiddenPre, pre, h3, 0f, biasHh.gradient(), 0);
        }
        if (inputGradient) {
            Gemm.sgemm(false, false, rows, features, h3,
                    1f, s.inputPre, pre, h3,
                    weightIh.values(), 0, features,
                    0f, s.x, first * batch * features, features);
            storeInputGradient(s, input, batch, first);
        }
    }
}
