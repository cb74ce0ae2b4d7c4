package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Softmax;
import dev.lanes.kernels.Vectors;
import java.util.List;

/**
 * A fully connected layer: {@code z = a Wᵀ + b}, {@code a' = f(z)}, batch-major, with W stored
 * {@code outputs x inputs} (the PyTorch layout) and b of length {@code outputs}.
 *
 * <p>Forward is one fused GEMM (product, bias and activation in one pass over the output). Backward is one
 * GEMM for BP4, one column sum for BP3 and one fused GEMM for BP2 (product times the activation derivative of
 * the layer below).
 */
public final class Dense implements Layer {

    private final int inputs;
    private final int outputs;
    private final Activation activation;
    private final boolean keepPreActivation;
    private final Parameter weights;
    private final Parameter bias;

    /**
     * A layer of {@code outputs} units over {@code inputs} features, zero-initialised.
     *
     * @param keepLogits keep {@code z} even when f′ does not need it (the loss needs the output layer's logits)
     */
    Dense(String name, int inputs, int outputs, Activation activation, boolean keepLogits) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        // Softmax is a separate per-row pass, so z exists anyway; GELU and SiLU need z for their derivative.
        this.keepPreActivation = keepLogits || !activation.isElementwise() || !activation.derivativeFromOutput();
        this.weights = new Parameter(name + ".weights", outputs, inputs);
        this.bias = new Parameter(name + ".bias", 1, outputs);
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    /** W, {@code outputs x inputs}. */
    public Parameter weights() {
        return weights;
    }

    /** b, length {@code outputs}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public boolean keepsPreActivation() {
        return keepPreActivation;
    }

    @Override
    public void forward(float[] input, int batch, LayerBuffers buffers) {
        float[] w = weights.values();
        float[] b = bias.values();
        if (!keepPreActivation) {
            // a' = f(a Wᵀ + b): one pass, C written once.
            Gemm.sgemm(false, true, batch, outputs, inputs, 1f, input, 0, inputs, w, 0, inputs,
                    0f, buffers.output(), 0, outputs, b, 0, activation);
            return;
        }
        float[] z = buffers.preActivation();
        Gemm.sgemm(false, true, batch, outputs, inputs, 1f, input, 0, inputs, w, 0, inputs,
                0f, z, 0, outputs, b, 0, Activation.IDENTITY);
        if (activation.isElementwise()) {
            Activations.forward(activation, batch * outputs, z, 0, buffers.output(), 0);
        } else {
            Softmax.forward(batch, outputs, z, 0, outputs, buffers.output(), 0, outputs);
        }
    }

    @Override
    public void backward(float[] input, int batch, LayerBuffers buffers, boolean parameterGradients,
                         Downstream below) {
        float[] delta = buffers.delta();
        if (parameterGradients) {
            // BP4: ∂C/∂W = δᵀ a, outputs x inputs, summed over the batch (δ already carries the 1/batch).
            Gemm.sgemm(true, false, outputs, inputs, batch, 1f, delta, 0, outputs, input, 0, inputs,
                    0f, weights.gradient(), 0, inputs);
            // BP3: ∂C/∂b = δ, summed over the batch.
            Vectors.columnSums(batch, outputs, delta, 0, outputs, 0f, bias.gradient(), 0);
        }
        if (below == null) {
            return;
        }
        if (below.activation() == null) {
            // ∂C/∂a of the network input: δ W, no activation below.
            Gemm.sgemm(false, false, batch, inputs, outputs, 1f, delta, 0, outputs, weights.values(), 0, inputs,
                    0f, below.delta(), 0, inputs);
        } else {
            // BP2: δ_below = (δ W) ⊙ f_below′, fused into the GEMM.
            Gemm.sgemmTimesDerivative(false, false, batch, inputs, outputs, 1f, delta, 0, outputs,
                    weights.values(), 0, inputs, 0f, below.delta(), 0, inputs,
                    below.activation(), below.saved(), 0, inputs);
        }
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " -> " + outputs + ", " + activation.name() + ")";
    }
}
