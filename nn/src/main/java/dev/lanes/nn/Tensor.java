package dev.lanes.nn;

import dev.lanes.kernels.Activation;

/**
 * A batch flowing between two layers: the lower layer's output {@link #values()} (its activations a, batch x
 * {@link #shape()}, batch-major) and, in backward, their {@link #gradient()} {@code ∂C/∂a}, written by the layer
 * above (or by the loss) and read by the lower layer. A {@link Workspace} owns one tensor per layer boundary,
 * sized once for its maximum batch.
 *
 * <p><b>Fused derivative.</b> A layer whose output is {@code a = f(z)} with an elementwise f starts its
 * backward with BP2's {@code δ = ∂C/∂a ⊙ f′(z)}. When the layer above can fold that product into the GEMM
 * that writes {@code ∂C/∂a} (a dense layer's BP2 product), the workspace marks the tensor between them with
 * {@link #fusedDerivative()}: the upper layer then writes δ itself, multiplied by f′ of
 * {@link #derivativeInput()}, and the lower layer takes the gradient as δ without multiplying again. A loss
 * computed from logits (softmax cross-entropy) marks the output tensor the same way for the same reason.
 */
public final class Tensor {

    private final Shape shape;
    private final int maxBatch;
    private float[] values;
    private float[] gradient;
    private Activation fusedDerivative;
    private float[] derivativeInput;

    /**
     * A tensor for batches of up to {@code maxBatch} examples of {@code shape}.
     *
     * @param values the activations array, or null to allocate one of {@code maxBatch * shape.size()} floats
     */
    Tensor(Shape shape, int maxBatch, float[] values) {
        this.shape = shape;
        this.maxBatch = maxBatch;
        this.values = values != null ? values : new float[Math.multiplyExact(maxBatch, shape.size())];
    }

    /** {@return one example's shape} */
    public Shape shape() {
        return shape;
    }

    /** {@return the largest batch the arrays hold} */
    public int maxBatch() {
        return maxBatch;
    }

    /** {@return the activations, batch x {@code shape().size()}, row-major; live} */
    public float[] values() {
        return values;
    }

    /**
     * {@code ∂C/∂values} (or δ, when {@link #fusedDerivative()} is set); live; null when not needed.
     *
     * @return the gradient array (live), or null before the first backward pass
     */
    public float[] gradient() {
        return gradient;
    }

    /**
     * {@return the activation of the lower layer whose derivative the upper layer multiplies into the gradient it
     * writes, or null when the gradient is a plain {@code ∂C/∂values}}
     */
    public Activation fusedDerivative() {
        return fusedDerivative;
    }

    /** {@return what f′ of {@link #fusedDerivative()} reads: the lower layer's outputs a, or its z} */
    public float[] derivativeInput() {
        return derivativeInput;
    }

    void values(float[] values) {
        this.values = values;
    }

    void allocateGradient(int floats) {
        if (gradient == null) {
            gradient = new float[floats];
        }
    }

    void fuse(Activation f, float[] input) {
        this.fusedDerivative = f;
        this.derivativeInput = input;
    }

    @Override
    public String toString() {
        return "Tensor(" + maxBatch + " x " + shape + (fusedDerivative == null ? "" : ", δ fused with "
                + fusedDerivative.name() + "′") + ")";
    }
}
