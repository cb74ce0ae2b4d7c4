package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A sequential network: layers, each built for the shape the one below produces, an output activation and
 * the loss it is trained on.
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
 * <p>The last layer's activation becomes the network's {@linkplain #outputActivation() output activation}:
 * the last layer computes the logits zᴸ, the loss pairs with the activation (cross-entropy with softmax, from
 * the logits), and {@link #predict} returns {@code f(zᴸ)}.
 *
 * <p>The network holds the parameters; the per-batch arrays live in a {@link Workspace}, one per thread. So
 * inference on one network is safe from many threads at once ({@link #predict} keeps a workspace per thread),
 * while training mutates the parameters and must not run concurrently with anything else on the same network.
 */
public final class Network {

    /** Rows {@link #predict} pushes through a workspace at a time. */
    private static final int PREDICT_CHUNK = 1024;

    private final Shape inputShape;
    private final List<Layer> layers;
    private final Activation outputActivation;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final List<Parameter> trainable;
    private final ThreadLocal<Workspace> inferenceWorkspaces = new ThreadLocal<>();

    /**
     * A network of already built layers, each taking the shape the one before it produces.
     *
     * @param outputActivation f of {@code a = f(zᴸ)}; the loss's own when it has one
     * @param inputShape the shape of one example
     * @param layers the layers, input side first
     * @param loss the loss, paired with the output activation
     * @throws IllegalArgumentException if the shapes do not chain or the loss and the output activation do not
     *                                  pair
     */
    public Network(Shape inputShape, List<Layer> layers, Activation outputActivation, Loss loss) {
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.layers = List.copyOf(layers);
        this.outputActivation = Objects.requireNonNull(outputActivation, "outputActivation");
        this.loss = Objects.requireNonNull(loss, "loss");
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        Shape shape = inputShape;
        for (int l = 0; l < this.layers.size(); l++) {
            Layer layer = this.layers.get(l);
            if (!layer.inputShape().equals(shape)) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (" + layer.name() + ") takes " + layer.inputShape()
                        + " but " + (l == 0 ? "the network input is " : "the layer below produces ") + shape);
            }
            shape = layer.outputShape();
        }
        if (loss.outputActivation() != null && !loss.outputActivation().equals(outputActivation)) {
            throw new IllegalArgumentException("loss " + loss.id() + " needs a " + loss.outputActivation().name()
                    + " output, the network's is " + outputActivation.name());
        }
        List<Parameter> all = new ArrayList<>();
        List<Parameter> trained = new ArrayList<>();
        for (Layer layer : this.layers) {
            for (Parameter p : layer.parameters()) {
                all.add(p);
                if (p.trainable()) {
                    trained.add(p);
                }
            }
        }
        this.parameters = Collections.unmodifiableList(all);
        this.trainable = Collections.unmodifiableList(trained);
    }

    /** {@return a builder for a sequential network} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the shape of one input example} */
    public Shape inputShape() {
        return inputShape;
    }

    /** {@return floats per input example} */
    public int inputSize() {
        return inputShape.size();
    }

    /** {@return the shape of one output example} */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** {@return floats per output example (classes, for a classifier)} */
    public int outputSize() {
        return outputShape().size();
    }

    /**
     * The layers, input side first.
     *
     * @return this builder
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * f of the network's outputs {@code a = f(zᴸ)}, zᴸ being the last layer's output.
     *
     * @return the output activation f
     */
    public Activation outputActivation() {
        return outputActivation;
    }

    /** {@return the loss the network is trained on} */
    public Loss loss() {
        return loss;
    }

    /** {@return every parameter, trainable ones and buffers, layer by layer, in a fixed order} */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** {@return the parameters optimizers update, layer by layer, in a fixed order} */
    public List<Parameter> trainableParameters() {
        return trainable;
    }

    /** {@return total number of trainable scalars} */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.size();
        }
        return n;
    }

    /**
     * {@return buffers for running this network on batches of up to {@code maxBatch} examples; for one thread}
     *
     * @param maxBatch the largest batch it will be given, {@code >= 1}
     */
    public Workspace newWorkspace(int maxBatch) {
        return new Workspace(this, maxBatch);
    }

    /**
     * As {@link #newWorkspace(int)}; with {@code fuseDerivatives} false, no layer folds the f′ of the layer below
     * into the gradient it writes, so every {@link Workspace#activationGradients} is a plain {@code ∂C/∂a} (what
     * Grad-CAM reads), at the cost of one more pass per dense layer.
     *
     * @param maxBatch the largest batch it will be given, {@code >= 1}
     * @param fuseDerivatives whether a layer may fold the f′ of the layer below into the gradient it writes (faster
     *     training)
     * @return the workspace, for one thread
     */
    public Workspace newWorkspace(int maxBatch, boolean fuseDerivatives) {
        return new Workspace(this, maxBatch, fuseDerivatives);
    }

    /**
     * {@return the outputs (probabilities for a softmax or sigmoid output) for {@code batch} examples stored
     * row-major in {@code inputs}; a new {@code batch x outputSize()} array} Safe to call from many threads at
     * once.
     *
     * @param inputs the examples, row-major, {@code inputSize()} floats each
     * @param batch number of examples, {@code >= 0}
     * @throws IllegalArgumentException if {@code inputs} is shorter than {@code batch} examples, or the result
     *                                  would not fit an array
     */
    public float[] predict(float[] inputs, int batch) {
        Objects.requireNonNull(inputs, "inputs");
        int inputSize = inputSize();
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
            ws.forward(inputs, row * inputSize, rows, Mode.INFERENCE);
            System.arraycopy(ws.outputs(), 0, result, row * outputs, rows * outputs);
        }
        return result;
    }

    /**
     * {@return the outputs for one example: the batch-1 fast path (no packing, no threads, no allocation but the
     * result)}
     *
     * @param input one example, {@code inputSize()} floats
     */
    public float[] predict(float[] input) {
        if (input.length != inputSize()) {
            throw new IllegalArgumentException("input has " + input.length + " features, the network expects "
                    + inputSize() + " (" + inputShape + ")");
        }
        Workspace ws = inferenceWorkspace(1);
        ws.forward(input, 0, 1, Mode.INFERENCE);
        float[] result = new float[outputSize()];
        System.arraycopy(ws.outputs(), 0, result, 0, result.length);
        return result;
    }

    /**
     * {@return the class probabilities of one example, with {@link Classification#best()} and {@link
     * Classification#top(int)}} Safe to call from many threads at once.
     *
     * @param input one example, {@code inputSize()} floats
     */
    public Classification classify(float[] input) {
        return new Classification(predict(input));
    }

    private Workspace inferenceWorkspace(int rows) {
        Workspace ws = inferenceWorkspaces.get();
        if (ws == null || ws.maxBatch() < rows) {
            ws = new Workspace(this, Math.max(1, rows));
            inferenceWorkspaces.set(ws);
        }
        return ws;
    }

    /** {@return a one-line description, e.g. {@code 784 → 256 relu → 128 relu → 10 softmax, cross_entropy}} */
    public String describe() {
        StringBuilder s = new StringBuilder().append(inputShape);
        for (int l = 0; l < layers.size(); l++) {
            s.append(" → ").append(layers.get(l).describe());
        }
        if (outputActivation.kind() != Activation.Kind.IDENTITY) {
            s.append(' ').append(outputActivation.name());
        }
        return s.append(", ").append(loss.id()).toString();
    }

    @Override
    public String toString() {
        return "Network(" + describe() + ")";
    }

    /**
     * Builds a {@link Network}: {@code input(shape)}, then one or more layers, then optionally loss, init, seed.
     * Each layer is built for the shape the one below produces, so a layer that cannot take it fails here,
     * naming its position, itself and the shape.
     */
    public static final class Builder {
        private Shape inputShape;
        private final List<LayerFactory> factories = new ArrayList<>();
        private Loss loss;
        private Initializer initializer;
        private long seed = 1;

        private Builder() {
        }

        /**
         * Flat inputs of {@code features} values.
         *
         * @param features values per example, {@code >= 1}
         * @return this builder
         */
        public Builder input(int features) {
            if (features < 1) {
                throw new IllegalArgumentException("input features must be >= 1, was " + features);
            }
            return input(Shape.flat(features));
        }

        /**
         * Inputs of {@code shape}.
         *
         * @param shape the shape of one example
         * @return this builder
         */
        public Builder input(Shape shape) {
            this.inputShape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * Appends a dense layer of {@code units} outputs with activation {@code f}.
         *
         * @param units outputs, {@code >= 1}
         * @param f the activation applied to its output
         * @return this builder
         */
        public Builder dense(int units, Activation f) {
            Objects.requireNonNull(f, "activation");
            if (inputShape == null) {
                throw new IllegalStateException("call input(features) or input(shape) before adding layers");
            }
            if (units < 1) {
                throw new IllegalArgumentException("layer " + (factories.size() + 1) + ": units must be >= 1, was "
                        + units);
            }
            return add(Dense.of(units, f));
        }

        /**
         * Appends a layer, e.g. {@code add(Dense.of(256, RELU))}.
         *
         * @param layer the layer's factory
         * @return this builder
         */
        public Builder add(LayerFactory layer) {
            Objects.requireNonNull(layer, "layer");
            if (inputShape == null) {
                throw new IllegalStateException("call input(features) or input(shape) before adding layers");
            }
            factories.add(layer);
            return this;
        }

        /**
         * Appends a layer from its spec (see {@link LayerTypes}).
         *
         * @param spec the layer's type and options
         * @return this builder
         */
        public Builder add(LayerSpec spec) {
            return add(LayerTypes.factory(spec));
        }

        /**
         * Appends the layers of a {@code --layers} list, e.g. {@code "dense:256:relu,dense:10:softmax"}.
         *
         * @param specs the layers, e.g. {@code "conv:16:5:relu,maxpool:2,dense:10"}
         * @return this builder
         */
        public Builder layers(String specs) {
            for (LayerSpec spec : LayerTypes.parseAll(specs)) {
                add(spec);
            }
            return this;
        }

        /**
         * The loss; by default cross-entropy when the last activation is softmax and MSE otherwise. Cross-entropy
         * needs a softmax (or identity: logits) output and binary cross-entropy a sigmoid one.
         *
         * @param loss the loss, paired with the last layer's activation (see above)
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * The weight initialisation; by default {@link Initializer#defaultFor} each weight's activation. A
         * parameter whose layer asks for its own start (see
         * {@link ParameterSource#create(String, Parameter.Role, Activation, ParameterSource.Init, int...)}:
         * orthogonal recurrent weights, an LSTM's forget-gate bias) keeps it.
         *
         * @param initializer how weights are drawn
         * @return this builder
         */
        public Builder initializer(Initializer initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * The seed of the initial weights (default 1): same seed, same network.
         *
         * @param seed the seed of the initial weights
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** {@return the network, its weights drawn from the initializer} */
        public Network build() {
            return build(null);
        }

        /**
         * {@return the network with its parameters from {@code parameters} (e.g. read from a file) instead of the
         * initializer; null: from the initializer}
         *
         * @param parameters where the parameters come from (e.g. a model file being read); null: the initializer
         */
        public Network build(ParameterSource parameters) {
            if (inputShape == null) {
                throw new IllegalStateException("call input(features) or input(shape) first");
            }
            if (factories.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer: call dense(units, activation)"
                        + " or add(layer)");
            }
            LayerFactory last = factories.get(factories.size() - 1);
            Activation output = last.activation();
            Loss chosen = loss != null ? loss : output.kind() == Activation.Kind.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.MSE;
            Activation required = chosen.outputActivation();
            if (required != null && !output.equals(required) && output.kind() != Activation.Kind.IDENTITY) {
                throw new IllegalArgumentException("loss " + chosen.id() + " needs a " + required.name()
                        + " output layer, the last layer is " + output.name());
            }
            Activation outputActivation = required != null ? required : output;
            SplittableRandom random = new SplittableRandom(seed);
            List<Layer> layers = new ArrayList<>();
            Shape shape = inputShape;
            for (int i = 0; i < factories.size(); i++) {
                boolean isLast = i == factories.size() - 1;
                LayerFactory factory = isLast ? last.withoutActivation() : factories.get(i);
                String name = factory.type() + (i + 1);
                // The last layer's weights keep the gain of the activation the network applies after it.
                ParameterSource source = parameters != null ? parameters : initializing(random, isLast ? output : null);
                try {
                    layers.add(factory.create(name, shape, source));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + (i + 1) + " (" + name + ") on input " + shape + ": "
                            + e.getMessage(), e);
                }
                shape = layers.get(i).outputShape();
            }
            return new Network(inputShape, layers, outputActivation, chosen);
        }

        private ParameterSource initializing(SplittableRandom random, Activation gainOverride) {
            return new ParameterSource() {
                @Override
                public Parameter create(String name, Parameter.Role role, Activation following, int... dims) {
                    Activation gain = gainOverride != null ? gainOverride : following;
                    Initializer init = initializer != null ? initializer : Initializer.defaultFor(gain);
                    return create(name, role, following, init::initialize, dims);
                }

                @Override
                public Parameter create(String name, Parameter.Role role, Activation following, Init init,
                                        int... dims) {
                    Parameter p = new Parameter(name, role, dims);
                    init.initialize(p, random);
                    return p;
                }
            };
        }
    }
}
