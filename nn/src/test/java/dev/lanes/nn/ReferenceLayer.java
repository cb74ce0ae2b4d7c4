package dev.lanes.nn;

/**
 * A layer's forward pass in double precision, written straight from its definition with plain loops (no
 * kernels, no fusion, no layout tricks): the function whose finite differences {@link LayerGradientCheck}
 * compares a layer's backward pass with.
 */
interface ReferenceLayer {

    /**
     * The outputs of {@code batch} examples.
     *
     * @param input      batch x input size, row-major
     * @param parameters the layer's parameters in {@link Layer#parameters()} order, as doubles
     * @param mode       training or inference
     * @return batch x output size
     */
    double[] forward(double[] input, int batch, double[][] parameters, Mode mode);

    /**
     * The reference to take finite differences on around this point: itself, except for a layer whose backward
     * treats some intermediate values as constants (truncated backpropagation through time), which returns a
     * reference with those values frozen at what they are here, so that its finite differences are the
     * gradient the layer's backward computes. Call it with the unperturbed input and parameters.
     */
    default ReferenceLayer detachedAt(double[] input, int batch, double[][] parameters, Mode mode) {
        return this;
    }
}
