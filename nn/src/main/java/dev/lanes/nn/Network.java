package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A sequential network of layers and the loss it is trained on.
 *
 * <pre>{@code
 * Network net = Network.builder()
 *         .input(784)
 *         .dense(256, RELU).dense(128, RELU).dense(10, SOFTMAX)
 *         .loss(Loss.CROSS_ENTROPY)
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * <p>The network holds the parameters; the per-batch arrays live in a {@link Workspace}, one per thread. So
 * inference on one network is safe from many threads at once ({@link #predict} keeps a workspace per thread),
 * while training mutates the parameters and must not run concurrently with anything else on the same network.
 */
public final class Network {

    /** Rows {@link #predict} pushes through a workspace at a time. */
    private static final int PREDICT_CHUNK = 1024;

    private final int inputSize;
    private final List<Layer> layers;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final ThreadLocal<Workspace> inferenceWorkspaces = new ThreadLocal<>();

    private Network(int inputSize, List<Layer> layers, Loss loss) {
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    /** A builder for a sequential network. */
    public static Builder builder() {
        return new Builder();
    }

    /** Features per input example. */
    public int inputSize() {
        return inputSize;
    }

    /** Outputs per example (classes, for a classifier). */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /** The layers, input side first. */
    public List<Layer> layers() {
        return layers;
    }

    /** The loss the network is trained on. */
    public Loss loss() {
        return loss;
    }

    /** All trainable parameters, layer by layer, in a fixed order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** Buffers for running this network on batches of up to {@code maxBatch} rows; for one thread. */
    public Workspace newWorkspace(int maxBatch) {
        return new Workspace(this, maxBatch);
    }

    /**
     * The outputs (probabilities for a softmax or sigmoid output) for {@code batch} examples stored row-major
     * in {@code inputs}; a new {@code batch x outputSize()} array. Safe to call from many threads at once.
     *
     * @throws IllegalArgumentException if {@code inputs} is too short, or the result would not fit one array
     */
    public float[] predict(float[] inputs, int batch) {
        Objects.requireNonNull(inputs, "inputs");
        if (batch < 0 || (long) batch * inputSize > inputs.length) {
            throw new IllegalArgumentException("inputs holds " + inputs.length + " floats, fewer than batch " + batch
                    + " x " + inputSize + " features");
        }
        int outputs = outputSize();
        if ((long) batch * outputs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "batch %,d x %d outputs = %,d results, more"
                    + " than one Java array holds (%,d): predict at most %,d rows per call", batch, outputs,
                    (long) batch * outputs, Integer.MAX_VALUE - 8, (Integer.MAX_VALUE - 8) / outputs));
        }
        float[] result = new float[batch * outputs];
        Workspace ws = inferenceWorkspace(Math.min(batch, PREDICT_CHUNK));
        for (int row = 0; row < batch; row += ws.maxBatch()) {
            int rows = Math.min(ws.maxBatch(), batch - row);
            // forward reads only the first rows x inputSize floats, so the first chunk needs no copy.
            float[] in = row == 0 ? inputs : ws.stageInput(inputs, row * inputSize, rows);
            System.arraycopy(ws.forward(in, rows), 0, result, row * outputs, rows * outputs);
        }
        return result;
    }

    /** The outputs for one example: the batch-1 fast path (no packing, no threads, no allocation but the result). */
    public float[] predict(float[] input) {
        if (input.length != inputSize) {
            throw new IllegalArgumentException("input has " + input.length + " features, the network expects "
                    + inputSize);
        }
        Workspace ws = inferenceWorkspace(1);
        float[] out = ws.forward(input, 1);
        float[] result = new float[outputSize()];
        System.arraycopy(out, 0, result, 0, result.length);
        return result;
    }

    private Workspace inferenceWorkspace(int rows) {
        Workspace ws = inferenceWorkspaces.get();
        if (ws == null || ws.maxBatch() < rows) {
            ws = new Workspace(this, Math.max(1, rows));
            inferenceWorkspaces.set(ws);
        }
        return ws;
    }

    /** A one-line description, e.g. {@code 784 → 256 relu → 10 softmax, cross_entropy}. */
    public String describe() {
        StringBuilder s = new StringBuilder().append(inputSize);
        for (Layer layer : layers) {
            s.append(" → ").append(layer.outputSize()).append(' ').append(layer.activation().name());
        }
        return s.append(", ").append(loss.id()).toString();
    }

    @Override
    public String toString() {
        return "Network(" + describe() + ")";
    }

    /** Builds a {@link Network}: {@code input(n)}, then one or more layers, then optionally loss, init, seed. */
    public static final class Builder {
        private int inputSize;
        private final List<int[]> sizes = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private Loss loss;
        private Initializer initializer;
        private long seed = 1;

        private Builder() {
        }

        /** Features per input example. */
        public Builder input(int features) {
            if (features < 1) {
                throw new IllegalArgumentException("input features must be >= 1, was " + features);
            }
            this.inputSize = features;
            return this;
        }

        /** Appends a dense layer of {@code units} outputs with activation {@code f}. */
        public Builder dense(int units, Activation f) {
            Objects.requireNonNull(f, "activation");
            if (inputSize == 0) {
                throw new IllegalStateException("call input(features) before adding layers");
            }
            if (units < 1) {
                throw new IllegalArgumentException("layer " + (sizes.size() + 1) + ": units must be >= 1, was "
                        + units);
            }
            sizes.add(new int[] {units});
            activations.add(f);
            return this;
        }

        /**
         * The loss; by default cross-entropy when the output is softmax and MSE otherwise. Cross-entropy needs a
         * softmax output and binary cross-entropy a sigmoid output.
         */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The weight initialisation of every layer; by default {@link Initializer#defaultFor} each layer. */
        public Builder initializer(Initializer initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** The seed of the initial weights (default 1): same seed, same network. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The network, its weights drawn from the initializer. */
        public Network build() {
            if (inputSize == 0) {
                throw new IllegalStateException("call input(features) first");
            }
            if (sizes.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer: call dense(units, activation)");
            }
            int last = sizes.size() - 1;
            Activation output = activations.get(last);
            for (int i = 0; i < last; i++) {
                if (!activations.get(i).isElementwise()) {
                    throw new IllegalArgumentException("layer " + (i + 1) + ": " + activations.get(i).name()
                            + " is only supported on the output layer");
                }
            }
            Loss chosen = loss != null ? loss
                    : output.kind() == Activation.Kind.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.MSE;
            if (chosen.requiredOutput() != null && chosen.requiredOutput() != output.kind()) {
                throw new IllegalArgumentException("loss " + chosen.id() + " needs a "
                        + chosen.requiredOutput().name().toLowerCase(java.util.Locale.ROOT)
                        + " output layer, the last layer is " + output.name());
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<Layer> layers = new ArrayList<>();
            int fanIn = inputSize;
            for (int i = 0; i <= last; i++) {
                int units = sizes.get(i)[0];
                Activation f = activations.get(i);
                Dense dense = new Dense("dense" + (i + 1), fanIn, units, f, i == last && chosen.fromLogits());
                Initializer init = initializer != null ? initializer : Initializer.defaultFor(f);
                init.initialize(dense.weights().values(), dense.bias().values(), fanIn, units, random);
                layers.add(dense);
                fanIn = units;
            }
            return new Network(inputSize, layers, chosen);
        }
    }
}
