package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.List;

/**
 * A layer: its configuration and parameters, built for one input {@link Shape}; forward and backward over a
 * batch (rows are examples). A layer never holds per-batch arrays: what it keeps from forward for backward
 * lives in a {@link LayerState} it creates per thread, and its inputs and outputs in the {@link Tensor}s a
 * {@link Workspace} passes it.
 *
 * <p>In Nielsen's notation, for a dense layer {@code z = W a + b}, {@code a' = f(z)}: forward computes
 * {@code a'}; backward receives {@code ∂C/∂a'} in {@code output.gradient()}, forms
 * {@code δ = ∂C/∂a' ⊙ f′(z)} (unless the tensor says the layer above already did: see
 * {@link Tensor#fusedDerivative()}), writes {@code ∂C/∂b = δ} (BP3) and {@code ∂C/∂W = δ aᵀ} (BP4), summed
 * over the batch, into its parameters' gradients, and {@code ∂C/∂a = Wᵀ δ} (BP2's product) into
 * {@code input.gradient()}. Every layer applies its own activation's derivative; convolution and recurrence
 * are the same four equations with shared weights.
 */
public interface Layer {

    /** {@return the name, unique in its network, e.g. {@code dense1}; parameter names start with it} */
    String name();

    /** {@return the shape of one input example} */
    Shape inputShape();

    /** {@return the shape of one output example} */
    Shape outputShape();

    /**
     * {@return the parameters, trainable ones and buffers, in the fixed order model files and optimizers rely on
     * (the order in which the layer asked its {@link ParameterSource} for them)}
     */
    List<Parameter> parameters();

    /** {@return the type and configuration that rebuild this layer through {@link LayerTypes}} */
    LayerSpec spec();

    /**
     * {@return a few words for {@link Network#describe()}, e.g. {@code 256 relu}; by default the type and output
     * shape}
     */
    default String describe() {
        return spec().type() + " " + outputShape();
    }

    /**
     * {@return the elementwise activation this layer applies last ({@code output = f(z)}), or {@link
     * Activation#IDENTITY}} A workspace uses it to fuse this layer's f′ into the layer above's backward product;
     * diagnostics use it to count dead and saturated units.
     */
    default Activation activation() {
        return Activation.IDENTITY;
    }

    /**
     * {@return what {@code f′} of {@link #activation()} reads after a forward pass: the outputs when the
     * derivative comes from them ({@link Activation#derivativeFromOutput()}), else the pre-activations z this
     * layer keeps in its state} Only called for layers with a non-identity elementwise activation.
     *
     * @param state what this layer keeps between forward and backward for this thread (from {@code newState})
     * @param output the layer's output tensor: its values, and in backward their gradient {@code ∂C/∂output}
     */
    default float[] derivativeInput(LayerState state, Tensor output) {
        return output.values();
    }

    /**
     * {@return whether {@link #backward} multiplies the gradient it writes to {@code input} by the derivative that
     * {@code input.fusedDerivative()} names, when a workspace sets it (a dense layer folds it into its BP2 GEMM)}
     * A layer that returns false is never given such a tensor.
     */
    default boolean fusesInputDerivative() {
        return false;
    }

    /**
     * {@return the per-thread state for batches of up to {@code maxBatch} examples; {@link LayerState#NONE} for a
     * layer that keeps nothing}
     *
     * @param maxBatch the largest batch it will be given, {@code >= 1}
     */
    default LayerState newState(int maxBatch) {
        return LayerState.NONE;
    }

    /**
     * Computes the output of {@code batch} examples: reads {@code input.values()}, writes
     * {@code output.values()}, saves in {@code state} what backward needs.
     *
     * @param input the layer's input tensor: the batch's values (and, in backward, where {@code ∂C/∂input} goes)
     * @param output the layer's output tensor: its values, and in backward their gradient {@code ∂C/∂output}
     * @param batch number of examples, {@code >= 0}
     * @param state what this layer keeps between forward and backward for this thread (from {@code newState})
     * @param mode training or inference
     */
    void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode);

    /**
     * Backpropagates {@code output.gradient()} through the last forward pass of the same {@code batch}.
     *
     * @param inputGradient      whether to write {@code ∂C/∂input} to {@code input.gradient()} (times
     *                           {@code input.fusedDerivative()}′ when that is set)
     * @param parameterGradients whether to write the trainable parameters' gradients (saliency maps don't)
     * @param input the layer's input tensor: the batch's values (and, in backward, where {@code ∂C/∂input} goes)
     * @param output the layer's output tensor: its values, and in backward their gradient {@code ∂C/∂output}
     * @param batch number of examples, {@code >= 0}
     * @param state what this layer keeps between forward and backward for this thread (from {@code newState})
     */
    void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                  boolean parameterGradients);
}
