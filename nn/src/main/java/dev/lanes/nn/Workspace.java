package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.List;

/**
 * Everything one thread needs to run a {@link Network} on batches of up to {@link #maxBatch()} examples: the
 * tensor between every two layers, every layer's state, the output activations, all allocated once. A
 * training step is
 * <pre>
 *   forward(x, batch, TRAINING)   each layer's forward, input side first
 *   lossAndDelta(targets)         C and δᴸ (BP1, in the loss)
 *   backward(true)                each layer's backward, output side first: BP3, BP4 into the gradients,
 *                                 ∂C/∂input down to the layer below (BP2)
 * </pre>
 * after which an optimizer updates the parameters. No step allocates. Not thread-safe: one workspace per
 * thread.
 *
 * <p>Where a layer has an elementwise activation and the layer above can fold f′ into the product that
 * writes its gradient (a dense layer's BP2 GEMM), the workspace marks the tensor between them so they do
 * (see {@link Tensor#fusedDerivative()}): one pass over the gradient less per such pair.
 */
public final class Workspace {

    private final Network network;
    private final Layer[] layers;
    private final LayerState[] states;
    /** tensors[0] is the network input; tensors[l + 1] is layer l's output. */
    private final Tensor[] tensors;
    /** Whether some layer below layer l has trainable parameters (so l must pass ∂C/∂input down). */
    private final boolean[] trainableBelow;
    private final int maxBatch;
    private final Activation outputActivation;
    private final int predictionsPerExample;
    private final int classes;
    private final float[] outputs;
    private final float[] scratch;
    private float[] staging;
    private boolean gradientsAllocated;
    private boolean outputsCurrent;
    private int batch;

    Workspace(Network network, int maxBatch) {
        this(network, maxBatch, true);
    }

    Workspace(Network network, int maxBatch, boolean fuseDerivatives) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        this.network = network;
        List<Layer> list = network.layers();
        this.layers = list.toArray(new Layer[0]);
        this.maxBatch = maxBatch;
        int count = layers.length;
        this.states = new LayerState[count];
        this.tensors = new Tensor[count + 1];
        this.trainableBelow = new boolean[count];
        tensors[0] = new Tensor(network.inputShape(), maxBatch, new float[0]);
        boolean trains = false;
        for (int l = 0; l < count; l++) {
            trainableBelow[l] = trains;
            tensors[l + 1] = new Tensor(layers[l].outputShape(), maxBatch, null);
            states[l] = layers[l].newState(maxBatch);
            for (Parameter p : layers[l].parameters()) {
                trains |= p.trainable();
            }
        }
        for (int l = 1; l < count && fuseDerivatives; l++) {
            Activation f = layers[l - 1].activation();
            if (f.isElementwise() && f.kind() != Activation.Kind.IDENTITY && layers[l].fusesInputDerivative()) {
                tensors[l].fuse(f, layers[l - 1].derivativeInput(states[l - 1], tensors[l]));
            }
        }
        this.outputActivation = network.outputActivation();
        Shape out = network.outputShape();
        this.classes = out.features();
        this.predictionsPerExample = out.size() / classes;
        float[] logits = tensors[count].values();
        this.outputs = outputActivation.kind() == Activation.Kind.IDENTITY ? logits : new float[logits.length];
        this.scratch = new float[logits.length];
    }

    /** {@return the network this workspace runs} */
    public Network network() {
        return network;
    }

    /** {@return the largest batch this workspace holds} */
    public int maxBatch() {
        return maxBatch;
    }

    /** {@return examples in the last forward pass} */
    public int batch() {
        return batch;
    }

    /**
     * Runs {@code batch} examples of {@code inputs} (row-major, {@code network().inputSize()} floats each,
     * from index 0) through every layer.
     *
     * @param inputs the examples, row-major, {@code network().inputSize()} floats each
     * @param batch number of examples, {@code >= 0}
     * @param mode training or inference
     */
    public void forward(float[] inputs, int batch, Mode mode) {
        forward(inputs, 0, batch, mode);
    }

    /**
     * Runs {@code batch} examples of {@code inputs} starting at index {@code offset} through every layer (rows
     * not at the array's start are first copied into a buffer of the workspace).
     *
     * @param inputs the examples, row-major, {@code network().inputSize()} floats each
     * @param offset index of the first example's first float
     * @param batch number of examples, {@code >= 0}
     * @param mode training or inference
     * @throws IllegalArgumentException if the batch is out of range or the array too short
     */
    public void forward(float[] inputs, int offset, int batch, Mode mode) {
        int inputSize = network.inputSize();
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch must be in 1.." + maxBatch + " for this workspace, was "
                    + batch);
        }
        if (offset < 0 || offset + (long) batch * inputSize > inputs.length) {
            throw new IllegalArgumentException("inputs holds " + inputs.length + " floats, fewer than offset "
                    + offset + " + batch " + batch + " x " + inputSize + " features");
        }
        float[] x = inputs;
        if (offset != 0) {
            if (staging == null) {
                staging = new float[maxBatch * inputSize];
            }
            System.arraycopy(inputs, offset, staging, 0, batch * inputSize);
            x = staging;
        }
        tensors[0].values(x);
        this.batch = batch;
        this.outputsCurrent = false;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(tensors[l], tensors[l + 1], batch, states[l], mode);
        }
    }

    /** {@return the last layer's output zᴸ of the last forward pass, batch x output size; live} */
    public float[] logits() {
        return tensors[layers.length].values();
    }

    /**
     * {@return the network's outputs {@code aᴸ = f(zᴸ)} of the last forward pass (probabilities for a classifier);
     * live}
     */
    public float[] outputs() {
        if (!outputsCurrent) {
            RowActivations.forward(outputActivation, batch * predictionsPerExample, classes, logits(), outputs);
            outputsCurrent = true;
        }
        return outputs;
    }

    /**
     * {@return layer {@code l}'s outputs (0 = the first layer) from the last forward pass; live}
     *
     * @param l the layer, from 0 (the first)
     */
    public float[] activations(int l) {
        return tensors[l + 1].values();
    }

    /**
     * {@return the gradient of layer {@code l}'s outputs from the last backward pass (live; null before one):
     * {@code ∂C/∂a} after {@link #backwardAbove(int) backwardAbove(l)}} Layer l's own backward turns it into its δ
     * in place, and in a fused workspace the layer above may already have (read it from a workspace made with
     * {@code Network.newWorkspace(maxBatch, false)}).
     *
     * @param l the layer, from 0 (the first)
     */
    public float[] activationGradients(int l) {
        return tensors[l + 1].gradient();
    }

    /**
     * Layer {@code l}'s state (what its last forward kept for backward, and what its last backward recorded),
     * for the layer's own diagnostics, e.g. {@link RecurrentLayer#hiddenGradientNorms}; live, not to be
     * changed.
     *
     * @param l the layer's index, from 0
     * @return the layer's state
     */
    public LayerState state(int l) {
        return states[l];
    }

    /** {@return rows the loss sees in the last batch: one per example, or one per time step of a sequence output} */
    public int predictions() {
        return batch * predictionsPerExample;
    }

    /**
     * {@return BP1 of the last forward batch: the loss C against {@code targets} (one label per prediction, or one
     * value per output) and δᴸ, the gradient {@link #backward} starts from}
     *
     * @param targets the labels or values of the last forward batch
     * @throws IllegalArgumentException for targets of the wrong kind or a label out of range
     */
    public float lossAndDelta(Targets targets) {
        allocateGradients();
        Loss loss = network.loss();
        float[] a = loss.outputActivation() == null ? outputs() : null;
        return loss.lossAndDelta(predictions(), classes, outputActivation, logits(), a, targets, scratch,
                outputDelta());
    }

    /**
     * δᴸ = ∂C/∂zᴸ, the gradient of the last layer's output that {@link #backward} starts from: written by
     * {@link #lossAndDelta}, or by a caller that backpropagates something else (a saliency map's class score).
     *
     * @return δᴸ (live: the workspace's own array)
     */
    public float[] outputDelta() {
        allocateGradients();
        return tensors[layers.length].gradient();
    }

    /**
     * Turns a gradient with respect to the outputs aᴸ, placed in {@link #outputDelta()}, into δᴸ with respect
     * to the logits: {@code ⊙ f′} of the output activation (the softmax Jacobian for a softmax). For the first
     * {@code rows} examples of the last forward pass.
     *
     * @param rows number of rows (examples), {@code >= 0}
     */
    public void multiplyByOutputDerivative(int rows) {
        RowActivations.multiplyByDerivative(outputActivation, rows * predictionsPerExample, classes, outputs(),
                logits(), outputDelta());
    }

    /**
     * Backpropagates {@link #outputDelta()} through every layer: BP3 and BP4 into the gradients of the
     * trainable parameters (when {@code parameterGradients}), BP2 down to the first layer.
     *
     * @param parameterGradients whether to compute the trainable parameters' gradients (BP3, BP4)
     */
    public void backward(boolean parameterGradients) {
        backpropagate(parameterGradients, false);
    }

    /**
     * Like {@link #backward}, and also returns ∂C/∂x, the gradient with respect to the network's input
     * ({@code batch x inputSize}, a live buffer): what saliency maps are made of.
     *
     * @param parameterGradients whether to compute the trainable parameters' gradients (BP3, BP4)
     * @return ∂C/∂x, {@code batch x inputSize} (live: the workspace's own array)
     */
    public float[] backwardToInput(boolean parameterGradients) {
        tensors[0].allocateGradient(maxBatch * network.inputSize());
        backpropagate(parameterGradients, true);
        return tensors[0].gradient();
    }

    /**
     * Backpropagates {@link #outputDelta()} through the layers above layer {@code l} only, without parameter
     * gradients, so that {@link #activationGradients(int) activationGradients(l)} holds {@code ∂C/∂a} of layer
     * l's outputs before layer l's own backward turns it into its δ (what Grad-CAM reads).
     *
     * @param l the layer, from 0 (the first)
     */
    public void backwardAbove(int l) {
        allocateGradients();
        for (int k = layers.length - 1; k > l; k--) {
            layers[k].backward(tensors[k], tensors[k + 1], batch, states[k], true, false);
        }
    }

    private void backpropagate(boolean parameterGradients, boolean toInput) {
        allocateGradients();
        for (int l = layers.length - 1; l >= 0; l--) {
            boolean inputGradient = l == 0 ? toInput : toInput || trainableBelow[l];
            layers[l].backward(tensors[l], tensors[l + 1], batch, states[l], inputGradient, parameterGradients);
        }
    }

    /** The gradient arrays, on the first backward pass: inference-only workspaces never carry them. */
    private void allocateGradients() {
        if (!gradientsAllocated) {
            for (int l = 1; l < tensors.length; l++) {
                tensors[l].allocateGradient(tensors[l].values().length);
            }
            gradientsAllocated = true;
        }
    }
}
