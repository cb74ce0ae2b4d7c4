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
}
