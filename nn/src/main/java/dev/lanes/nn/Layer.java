package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.List;

/**
 * A layer is forward + backward over a batch (rows are examples).
 *
 * <p>In Nielsen's notation, with {@code z = W a + b} and {@code a' = f(z)}: {@link #forward} computes
 * {@code a'} from {@code a}; {@link #backward} takes this layer's {@code δ = ∂C/∂z}, writes
 * {@code ∂C/∂b = δ} (BP3) and {@code ∂C/∂W = δ aᵀ} (BP4), summed over the batch, into its parameters'
 * gradients, and passes {@code δ_below = (Wᵀ δ) ⊙ f_below′(z_below)} (BP2) to the layer below.
 */
public interface Layer {

    /** Features per input row. */
    int inputSize();

    /** Features per output row. */
    int outputSize();

    /** The activation f applied to {@code z}. */
    Activation activation();

    /** The trainable parameters, in a fixed order (model files and optimizers rely on it). */
    List<Parameter> parameters();

    /** Whether forward also stores {@code z} (needed when f′ cannot be computed from f's output alone). */
    boolean keepsPreActivation();

    /** Buffers for this layer for batches of up to {@code maxBatch} rows. */
    default LayerBuffers newBuffers(int maxBatch) {
        return new LayerBuffers(maxBatch, outputSize(), keepsPreActivation());
    }

    /** Computes {@code buffers.output() = f(input Wᵀ + b)} for {@code batch} rows of {@code input}. */
    void forward(float[] input, int batch, LayerBuffers buffers);

    /**
     * Backpropagates {@code buffers.delta()} (this layer's δ for {@code batch} rows, computed from
     * {@code input} by the last forward).
     *
     * @param parameterGradients whether to write BP3/BP4 into the parameters' gradients (saliency maps don't)
     * @param below              where BP2 sends δ of the layer below, or null when nobody needs it
     */
    void backward(float[] input, int batch, LayerBuffers buffers, boolean parameterGradients, Downstream below);

    /**
     * The destination of BP2: the layer below's delta array and the activation whose derivative multiplies it
     * ({@code saved} holds that layer's outputs or pre-activations, whichever f′ needs), or, for the network's
     * input, a plain gradient {@code ∂C/∂x} with no activation.
     */
    record Downstream(float[] delta, Activation activation, float[] saved) {

        /** δ of a layer with activation {@code f} whose buffers are {@code below}. */
        public static Downstream ofLayer(Activation f, LayerBuffers below) {
            return new Downstream(below.delta(), f, f.derivativeFromOutput() ? below.output() : below.preActivation());
        }

        /** The gradient with respect to the network's input, written to {@code inputGradient}. */
        public static Downstream ofInput(float[] inputGradient) {
            return new Downstream(inputGradient, null, null);
        }
    }
}
