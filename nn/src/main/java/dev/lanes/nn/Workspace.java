package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Losses;
import dev.lanes.kernels.Softmax;
import java.util.Arrays;
import java.util.List;

/**
 * Everything one thread needs to run a {@link Network} on batches of up to {@link #maxBatch()} rows:
 * every layer's activations and deltas, allocated once. A training step is
 * <pre>
 *   forward(x, batch)                a¹ … aᴸ, one fused GEMM per layer
 *   lossAndDelta(labels, batch)      C and δᴸ (BP1)
 *   backward(true)                   BP3, BP4 into the gradients, BP2 down to layer 1
 * </pre>
 * after which an optimizer updates the parameters. Not thread-safe: one workspace per thread.
 */
public final class Workspace {

    private final Network network;
    private final List<Layer> layers;
    private final int maxBatch;
    private final LayerBuffers[] buffers;
    private final Layer.Downstream[] downstream;
    private final float[] targets;
    private float[] staging;
    private float[] inputGradient;
    private float[] input;
    private int batch;

    Workspace(Network network, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        this.network = network;
        this.layers = network.layers();
        this.maxBatch = maxBatch;
        int count = layers.size();
        this.buffers = new LayerBuffers[count];
        for (int l = 0; l < count; l++) {
            buffers[l] = layers.get(l).newBuffers(maxBatch);
        }
        // Layer l sends BP2 to layer l-1; layer 0 sends nothing unless the input gradient is asked for.
        this.downstream = new Layer.Downstream[count];
        for (int l = 1; l < count; l++) {
            downstream[l] = Layer.Downstream.ofLayer(layers.get(l - 1).activation(), buffers[l - 1]);
        }
        this.targets = new float[maxBatch * network.outputSize()];
    }

    /** The network this workspace runs. */
    public Network network() {
        return network;
    }

    /** The largest batch this workspace holds. */
    public int maxBatch() {
        return maxBatch;
    }

    /** Rows in the last forward pass. */
    public int batch() {
        return batch;
    }

    /** Layer {@code l}'s buffers (0 = first hidden layer), as left by the last forward/backward pass. */
    public LayerBuffers buffers(int l) {
        return buffers[l];
    }

    /**
     * Runs {@code batch} rows of {@code inputs} (row-major, {@code inputSize} features each) through every
     * layer. Returns the output layer's activations, {@code batch x outputSize} (a live buffer, valid until
     * the next forward).
     */
    public float[] forward(float[] inputs, int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch must be in 1.." + maxBatch + " for this workspace, was "
                    + batch);
        }
        if ((long) batch * network.inputSize() > inputs.length) {
            throw new IllegalArgumentException("inputs holds " + inputs.length + " floats, fewer than batch "
                    + batch + " x " + network.inputSize() + " features");
        }
        this.input = inputs;
        this.batch = batch;
        float[] a = inputs;
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(a, batch, buffers[l]);
            a = buffers[l].output();
        }
        return a;
    }

    /**
     * BP1 for class labels: the mean loss of the last forward batch and δᴸ = ∂C/∂zᴸ. Cross-entropy reads the
     * labels as class indices; MSE and binary cross-entropy compare with their one-hot encoding.
     */
    public float lossAndDelta(int[] labels, int labelsOffset) {
        int outputs = network.outputSize();
        if (network.loss() == Loss.CROSS_ENTROPY) {
            LayerBuffers out = buffers[buffers.length - 1];
            return Losses.softmaxCrossEntropy(batch, outputs, out.preActivation(), 0, outputs,
                    labels, labelsOffset, out.delta(), 0, outputs);
        }
        Arrays.fill(targets, 0, batch * outputs, 0f);
        for (int i = 0; i < batch; i++) {
            int label = labels[labelsOffset + i];
            if (label < 0 || label >= outputs) {
                throw new IllegalArgumentException("label " + label + " of row " + i + " is outside the "
                        + outputs + " outputs");
            }
            targets[i * outputs + label] = 1f;
        }
        return lossAndDelta(targets, 0);
    }

    /** BP1 for real-valued targets ({@code batch x outputSize}, row-major): the mean loss and δᴸ. */
    public float lossAndDelta(float[] targetValues, int targetsOffset) {
        int outputs = network.outputSize();
        LayerBuffers out = buffers[buffers.length - 1];
        float[] delta = out.delta();
        switch (network.loss()) {
            case BINARY_CROSS_ENTROPY -> {
                return Losses.sigmoidBinaryCrossEntropy(batch, outputs, out.preActivation(), 0, outputs,
                        targetValues, targetsOffset, outputs, delta, 0, outputs);
            }
            case MSE -> {
                float loss = Losses.meanSquaredError(batch, outputs, out.output(), 0, outputs,
                        targetValues, targetsOffset, outputs, delta, 0, outputs);
                multiplyByOutputDerivative(delta);
                return loss;
            }
            default -> throw new IllegalArgumentException(network.loss().id()
                    + " needs class labels: call lossAndDelta(int[] labels, offset)");
        }
    }

    /** δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ): turns the gradient with respect to the outputs into the output layer's δ. */
    private void multiplyByOutputDerivative(float[] delta) {
        int outputs = network.outputSize();
        Layer last = layers.get(layers.size() - 1);
        LayerBuffers out = buffers[buffers.length - 1];
        Activation f = last.activation();
        if (f.kind() == Activation.Kind.IDENTITY) {
            return;
        }
        if (!f.isElementwise()) {
            Softmax.backward(batch, outputs, out.output(), 0, outputs, delta, 0, outputs, delta, 0, outputs);
            return;
        }
        float[] saved = f.derivativeFromOutput() ? out.output() : out.preActivation();
        Activations.multiplyByDerivative(f, batch * outputs, saved, 0, delta, 0);
    }

    /**
     * The output layer's δ buffer, for callers that set δᴸ themselves (e.g. a saliency map seeds it with the
     * gradient of one class score) before calling {@link #backward} or {@link #backwardToInput}.
     */
    public float[] outputDelta() {
        return buffers[buffers.length - 1].delta();
    }

    /**
     * Backpropagates δᴸ of the last forward batch through every layer: BP3/BP4 into the parameters' gradients
     * when {@code parameterGradients}, BP2 down to the first layer.
     */
    public void backward(boolean parameterGradients) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            float[] layerInput = l == 0 ? input : buffers[l - 1].output();
            layers.get(l).backward(layerInput, batch, buffers[l], parameterGradients, downstream[l]);
        }
    }

    /**
     * Like {@link #backward}, and also returns ∂C/∂x, the gradient with respect to the network's input
     * ({@code batch x inputSize}, a live buffer): what saliency maps are made of.
     */
    public float[] backwardToInput(boolean parameterGradients) {
        if (inputGradient == null) {
            inputGradient = new float[maxBatch * network.inputSize()];
        }
        for (int l = layers.size() - 1; l >= 0; l--) {
            float[] layerInput = l == 0 ? input : buffers[l - 1].output();
            Layer.Downstream below = l == 0 ? Layer.Downstream.ofInput(inputGradient) : downstream[l];
            layers.get(l).backward(layerInput, batch, buffers[l], parameterGradients, below);
        }
        return inputGradient;
    }

    /** Copies {@code rows} examples starting at {@code from} into an internal buffer and returns it. */
    float[] stageInput(float[] inputs, int from, int rows) {
        if (staging == null) {
            staging = new float[maxBatch * network.inputSize()];
        }
        System.arraycopy(inputs, from, staging, 0, rows * network.inputSize());
        return staging;
    }
}
