package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the recurrent layers ({@link SimpleRnn}, {@link Lstm}, {@link Gru}) share: a sequence input of
 * {@link Shape#steps()} time steps of {@link Shape#features()} features, a hidden state of {@link #units()}
 * units that starts at zero for every example, PyTorch's parameters and layout, the output of every step or of
 * the last one, and backpropagation through time, whole or truncated.
 *
 * <p><b>Parameters</b>, in this order (PyTorch's {@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0},
 * with the same shapes and gate order, so they copy one to one): {@code NAME.weight_ih}
 * ({@code gates·H x features}, {@link Parameter.Role#WEIGHT}), {@code NAME.weight_hh} ({@code gates·H x H},
 * {@link Parameter.Role#RECURRENT_WEIGHT}), {@code NAME.bias_ih} and {@code NAME.bias_hh} ({@code gates·H},
 * {@link Parameter.Role#BIAS}); gates is 1 (RNN), 4 (LSTM: i, f, g, o) or 3 (GRU: r, z, n).
 *
 * <p><b>Initialization.</b> weight_ih by the network's initializer (Xavier by default; He for a ReLU RNN);
 * weight_hh {@linkplain Initializer#ORTHOGONAL orthogonal}, one orthogonal {@code H x H} block per gate, unless
 * {@code orthogonal=false} (then as weight_ih); biases 0, except an LSTM's forget gate (see {@link Lstm}).
 * PyTorch instead draws every weight and bias from U(−1/√H, 1/√H); Keras uses Glorot for the input weights,
 * orthogonal recurrent weights and a forget-gate bias of 1, which is what lanes does by default: an orthogonal
 * recurrent matrix keeps the norm of what it multiplies, so at the start gradients through many steps neither
 * vanish nor explode because of the weights (Saxe et al. 2014), and a forget gate near 1 lets the LSTM's cell
 * carry its content from the start (Gers et al. 2000; Jozefowicz et al. 2015).
 *
 * <p><b>Output</b> ({@code seq=all|last}, default last): every step's hidden state, a sequence of
 * {@code steps x H} (for stacking), or only the last one, {@code H} flat features (so a dense layer above
 * classifies the sequence).
 *
 * <p><b>Truncated backpropagation through time</b> ({@code bptt=K}, default 0: the whole sequence). The
 * steps are cut into windows of K, counted back from the last step (the last window is always K steps; the
 * first one may be shorter). In backward, the state that enters a window (h, and the LSTM's cell c) is
 * treated as a constant: no gradient flows from a window's first step into the step before it, through any
 * path (the GRU's direct {@code z h_prev} included). The weights used at the window's first step still get
 * their gradient, with that constant state as input, and the forward pass is unchanged. So the gradient
 * from the output at step s reaches back to the start of s's window, at most K steps; with {@code seq=last}
 * only the last window gets a gradient, backward runs K steps instead of all, and the input gradient of the
 * earlier steps is 0. This is PyTorch's {@code h.detach()} every K steps (k1 = k2 = K), aligned to the end.
 *
 * <p><b>The time loop</b> (docs/recurrent.md). Internally every buffer is time-major (row {@code t·batch + b}),
 * so that a step's rows are one contiguous block and the hidden states of steps −1 … T−2 line up with the gate
 * gradients of steps 0 … T−1: the input projection of all steps is one GEMM ({@code M = batch·steps}), each
 * step adds one recurrent GEMM ({@code batch x gates·H x H}) and one fused pointwise kernel
 * ({@link dev.lanes.kernels.Recurrent}), and backward ends with one GEMM per weight gradient over all steps.
 * The input and output tensors stay batch-major (step-major per example, as {@link Shape} says); the layer
 * transposes its input once per forward pass, and a {@code seq=all} output and its gradient once per pass.
 * Buffers are sized once per maximum batch; backward-only ones on the first backward pass.
 *
 * <p><b>Diagnostics.</b> Backward records ‖∂C/∂h_t‖ (Frobenius norm over the batch's rows and the units) for
 * every step; {@link #hiddenGradientNorms} reads them.
 */
public abstract sealed class RecurrentLayer implements Layer permits SimpleRnn, Lstm, Gru {

    /** Which hidden states a recurrent layer outputs. */
    public enum Output {
        /** Every step's hidden state: a {@code steps x units} sequence. */
        ALL("all"),
        /** Only the last step's: {@code units} flat features. */
        LAST("last");

        private final String id;

        Output(String id) {
            this.id = id;
        }

        /** {@return {@code all} or {@code last}, as in the {@code seq} option} */
        public String id() {
            return id;
        }

        static Output parse(String type, String value) {
            for (Output o : values()) {
                if (o.id.equals(value.trim())) {
                    return o;
                }
            }
            throw new IllegalArgumentException(type + ": seq must be all or last, was '" + value + "'");
        }
    }

    /**
     * The options every recurrent layer takes.
     *
     * @param units      hidden units H, {@code >= 1}
     * @param output     every step's hidden state or the last one's ({@code seq=all|last})
     * @param truncation {@code bptt}: backpropagate through windows of this many steps; 0 for the whole
     *                   sequence
     * @param orthogonal whether weight_hh starts {@linkplain Initializer#ORTHOGONAL orthogonal} (else by the
     *                   network's initializer)
     */
    public record Options(int units, Output output, int truncation, boolean orthogonal) {

        /** Checks the options. */
        public Options {
            Objects.requireNonNull(output, "output");
            if (units < 1 || truncation < 0) {
                throw new IllegalArgumentException("recurrent layer: units must be >= 1 and bptt >= 0, were " + units
                        + " and " + truncation);
            }
        }

        /**
         * {@return {@code units} with the defaults: the last step's output, full backpropagation, orthogonal
         * weight_hh}
         *
         * @param units hidden units H, {@code >= 1}
         */
        public static Options of(int units) {
            return new Options(units, Output.LAST, 0, true);
        }

        /**
         * {@return these options with {@code output}}
         *
         * @param output every step's hidden state or the last one's
         */
        public Options output(Output output) {
            return new Options(units, output, truncation, orthogonal);
        }

        /**
         * {@return these options with {@code bptt = steps} (0: the whole sequence)}
         *
         * @param steps the truncation window in steps, {@code >= 0}
         */
        public Options truncation(int steps) {
            return new Options(units, output, steps, orthogonal);
        }

        static Options fromSpec(LayerSpec spec) {
            String seq = spec.get("seq");
            return new Options(spec.intOption("units", 1, 1 << 20),
                    seq == null ? Output.LAST : Output.parse(spec.type(), seq),
                    spec.intOption("bptt", 0, 0, Integer.MAX_VALUE), spec.booleanOption("orthogonal", true));
        }
    }

    /**
     * What every recurrent layer keeps per thread (subclasses add their gates): the input, time-major; the
     * hidden states of steps −1 … T−1, time-major, slot 0 being h_{−1} = 0; and for backward the gradient
     * reaching h (every step's for {@code seq=all}, one step's otherwise) and each step's ‖∂C/∂h_t‖².
     */
    abstract static class State implements LayerState {
        final int maxBatch;
        /** The input, {@code steps x batch x features}; in backward, overwritten by ∂C/∂x. */
        final float[] x;
        /** h_{t−1} in slot t: {@code (steps + 1) x batch x units}. */
        final float[] hidden;
        /** ∂C/∂h_t of the step being processed (seq=last), {@code batch x units}; on the first backward. */
        float[] dh;
        /** ∂C/∂h_t of every step (seq=all), {@code steps x batch x units}; on the first backward. */
        float[] dHidden;
        /** ‖∂C/∂h_t‖² per step of the last backward pass. */
        final double[] squares;

        State(RecurrentLayer layer, int maxBatch) {
            this.maxBatch = maxBatch;
            int t = layer.steps;
            this.x = new float[Math.multiplyExact(Math.multiplyExact(t, maxBatch), layer.features)];
            this.hidden = new float[Math.multiplyExact(Math.multiplyExact(t + 1, maxBatch), layer.units)];
            this.squares = new double[t];
        }

        /** The backward buffers, once. */
        void allocateBackward(RecurrentLayer layer) {
            if (dh == null) {
                dh = new float[Math.multiplyExact(maxBatch, layer.units)];
                dHidden = layer.output == Output.ALL
                        ? new float[Math.multiplyExact(Math.multiplyExact(layer.steps, maxBatch), layer.units)] : null;
            }
        }
    }

    final String name;
    final Shape inputShape;
    final Shape outputShape;
    final int steps;
    final int features;
    final int units;
    final Output output;
    final int truncation;
    /** The backward window: the truncation, or all steps. */
    final int window;
    final boolean orthogonal;
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    final Parameter biasHh;

    /**
     * Checks the input and creates the four parameters.
     *
     * @param gates    gate blocks per row: 1, 4 or 3
     * @param gain     the activation that follows weight_ih, for the initializer's gain
     * @param biasInit how bias_ih starts when initialized, or null for the network's initializer
     */
    RecurrentLayer(String type, String name, Shape input, Options options, int gates, Activation gain,
                   ParameterSource.Init biasInit, ParameterSource parameters) {
        if (!input.isSequence()) {
            throw new IllegalArgumentException(type + " needs a sequence input (steps x features), got " + input
                    + (input.isImage() || input.size() == 784 ? ": read images as sequences of rows (lanes train"
                    + " --sequence rows, or Shape.sequence(height, width))" : ""));
        }
        this.name = name;
        this.inputShape = input;
        this.steps = input.steps();
        this.features = input.features();
        this.units = options.units();
        this.output = options.output();
        this.truncation = options.truncation();
        this.window = truncation == 0 ? steps : Math.min(truncation, steps);
        this.orthogonal = options.orthogonal();
        this.outputShape = output == Output.ALL ? Shape.sequence(steps, units) : Shape.flat(units);
        int rows = Math.multiplyExact(gates, units);
        this.weightIh = parameters.create(name + ".weight_ih", Parameter.Role.WEIGHT, gain, rows, features);
        this.weightHh = orthogonal
                ? parameters.create(name + ".weight_hh", Parameter.Role.RECURRENT_WEIGHT, gain,
                        Initializer.ORTHOGONAL::initialize, rows, units)
                : parameters.create(name + ".weight_hh", Parameter.Role.RECURRENT_WEIGHT, gain, rows, units);
        this.biasIh = biasInit != null
                ? parameters.create(name + ".bias_ih", Parameter.Role.BIAS, gain, biasInit, rows)
                : parameters.create(name + ".bias_ih", Parameter.Role.BIAS, gain, rows);
        this.biasHh = parameters.create(name + ".bias_hh", Parameter.Role.BIAS, gain, rows);
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

    /** {@return hidden units H} */
    public int units() {
        return units;
    }

    /** {@return time steps of the input sequence} */
    public int steps() {
        return steps;
    }

    /** {@return every step's hidden state or the last one's} */
    public Output output() {
        return output;
    }

    /** {@return the {@code bptt} window in steps; 0 for backpropagation through the whole sequence} */
    public int truncation() {
        return truncation;
    }

    /** {@return W_ih, {@code gates·H x features}} */
    public Parameter weightIh() {
        return weightIh;
    }

    /** {@return W_hh, {@code gates·H x H}} */
    public Parameter weightHh() {
        return weightHh;
    }

    /** {@return b_ih, {@code gates·H}} */
    public Parameter biasIh() {
        return biasIh;
    }

    /** {@return b_hh, {@code gates·H}} */
    public Parameter biasHh() {
        return biasHh;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weightIh, weightHh, biasIh, biasHh);
    }

    /** The options every recurrent spec has, after the type's own positional ones. */
    LayerSpec spec(LayerSpec own) {
        return own.with("seq", output.id()).with("bptt", Integer.toString(truncation))
                .with("orthogonal", Boolean.toString(orthogonal));
    }

    /**
     * ‖∂C/∂h_t‖ for every step t of the last backward pass through {@code state}: the Frobenius norm, over the
     * batch's rows and the units, of the gradient of the batch's loss reaching the hidden state of step t (from
     * the layer above and from step t+1; 0 for steps a truncated backward pass did not reach). Zeros before the
     * first backward pass.
     *
     * @param state this layer's state, from a workspace ({@link Workspace#state(int)})
     * @param norms {@link #steps()} values, written
     */
    public void hiddenGradientNorms(LayerState state, double[] norms) {
        if (!(state instanceof State s) || s.squares.length != steps) {
            throw new IllegalArgumentException(name + ": not the state of this layer: " + state);
        }
        if (norms.length < steps) {
            throw new IllegalArgumentException(name + ": norms holds " + norms.length + " values, fewer than the "
                    + steps + " steps");
        }
        for (int t = 0; t < steps; t++) {
            norms[t] = Math.sqrt(s.squares[t]);
        }
    }

    @Override
    public String describe() {
        return spec().type() + " " + units + (output == Output.ALL ? " seq" : "")
                + (truncation > 0 ? " bptt " + truncation : "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s %s → %s", name, describe(), inputShape, outputShape);
    }

    // ----- the parts of the time loop every cell shares -----

    /** Whether the output is every step's hidden state (seq=all). */
    final boolean allSteps() {
        return output == Output.ALL;
    }

    /** The first step backward reaches: the start of the last window for seq=last, else 0. */
    final int firstBackwardStep() {
        return output == Output.LAST ? steps - window : 0;
    }

    /** Whether step t starts a backward window (t = 0 always does). */
    final boolean startsWindow(int t) {
        return (steps - t) % window == 0;
    }

    /** The input, batch-major, into the state's time-major copy. */
    final void loadInput(Tensor input, int batch, State s) {
        transpose(input.values(), batch, steps, features, s.x);
    }

    /** The hidden states of steps 0 … T−1 (slots 1 … T) into the output tensor. */
    final void storeOutput(State s, Tensor out, int batch) {
        int block = batch * units;
        if (output == Output.LAST) {
            System.arraycopy(s.hidden, steps * block, out.values(), 0, block);
        } else {
            transposeBack(s.hidden, block, batch, steps, units, out.values());
        }
    }

    /**
     * Starts backward: allocates the backward buffers on the first pass and puts the gradient from the layer
     * above where the loop reads it: every step's, time-major, for seq=all; the last step's for seq=last.
     */
    final void loadOutputGradient(State s, Tensor out, int batch) {
        s.allocateBackward(this);
        if (output == Output.LAST) {
            System.arraycopy(out.gradient(), 0, s.dh, 0, batch * units);
        } else {
            transpose(out.gradient(), batch, steps, units, s.dHidden);
        }
        Arrays.fill(s.squares, 0);
    }

    /** The array holding ∂C/∂h_t. */
    final float[] dhArray(State s) {
        return output == Output.ALL ? s.dHidden : s.dh;
    }

    /** Where ∂C/∂h_t starts in {@link #dhArray}. */
    final int dhOffset(int t, int batch) {
        return output == Output.ALL ? t * batch * units : 0;
    }

    /** Records ‖∂C/∂h_t‖², once the gradient reaching h_t is complete. */
    final void record(State s, int t, int batch) {
        s.squares[t] = Vectors.sumOfSquares(batch * units, dhArray(s), dhOffset(t, batch));
    }

    /**
     * The input gradient: the time-major ∂C/∂x of steps {@code first} … T−1, which backward left in the state's
     * input buffer, into the batch-major input tensor; the steps before {@code first} get 0.
     */
    final void storeInputGradient(State s, Tensor input, int batch, int first) {
        float[] dx = input.gradient();
        for (int b = 0; b < batch; b++) {
            int row = b * steps * features;
            Arrays.fill(dx, row, row + first * features, 0f);
            for (int t = first; t < steps; t++) {
                System.arraycopy(s.x, (t * batch + b) * features, dx, row + t * features, features);
            }
        }
    }

    /** Batch-major {@code batch x steps x width} into time-major {@code steps x batch x width}. */
    private static void transpose(float[] batchMajor, int batch, int steps, int width, float[] timeMajor) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(batchMajor, (b * steps + t) * width, timeMajor, (t * batch + b) * width, width);
            }
        }
    }

    /** Time-major {@code steps x batch x width} from {@code offset} into batch-major. */
    private static void transposeBack(float[] timeMajor, int offset, int batch, int steps, int width,
                                      float[] batchMajor) {
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(timeMajor, offset + (t * batch + b) * width, batchMajor, (b * steps + t) * width,
                        width);
            }
        }
    }

    /**
     * ∂C/∂W_hh = Σ_t dPre_tᵀ h_{t−1} over the steps from {@code first} (none for h_{−1} = 0): one GEMM, the
     * hidden-state slots t lining up with the time-major gradient rows of step t.
     *
     * @param dPre  the gradient of the recurrent pre-activations, time-major, {@code ld} wide
     */
    final void recurrentWeightGradient(float[] dPre, int ld, State s, int batch, int first) {
        int from = Math.max(first, 1);
        float[] dw = weightHh.gradient();
        if (from >= steps) {
            Arrays.fill(dw, 0f);
            return;
        }
        Gemm.sgemm(true, false, weightHh.rows(), units, (steps - from) * batch,
                1f, dPre, from * batch * ld, ld,
                s.hidden, from * batch * units, units,
                0f, dw, 0, units);
    }

    /** {@code out = b_ih + b_hh}: the bias of the input projection, for cells that fold both in there. */
    final void sumBiases(float[] out) {
        int n = biasIh.size();
        System.arraycopy(biasIh.values(), 0, out, 0, n);
        Vectors.axpy(n, 1f, biasHh.values(), 0, out, 0);
    }
}
