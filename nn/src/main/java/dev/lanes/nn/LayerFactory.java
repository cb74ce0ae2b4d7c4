package dev.lanes.nn;

import dev.lanes.kernels.Activation;

/**
 * A layer's configuration before it knows its input: builds the layer for the input shape the network gives
 * it. {@link Network.Builder#add} takes one; each layer type offers them (e.g. {@code Dense.of(256, RELU)}),
 * and {@link LayerTypes#factory} makes them from a {@link LayerSpec}.
 */
public interface LayerFactory {

    /**
     * {@return the layer for inputs of shape {@code input}}
     *
     * @param name       the layer's name in its network, e.g. {@code dense2}
     * @param parameters where its parameters come from (initialized, or read from a model file)
     * @param input the shape of one input example
     * @throws IllegalArgumentException if the layer cannot take {@code input}, naming both shapes
     */
    Layer create(String name, Shape input, ParameterSource parameters);

    /** {@return the registered type, e.g. {@code dense}: the stem of the layer's name} */
    String type();

    /**
     * {@return the elementwise activation the layer will apply last, or {@link Activation#IDENTITY}} The network
     * takes the last layer's over as its output activation (the loss pairs with it), building that layer through
     * {@link #withoutActivation()}.
     */
    default Activation activation() {
        return Activation.IDENTITY;
    }

    /** {@return the same layer without its final activation (z instead of f(z))} */
    default LayerFactory withoutActivation() {
        return this;
    }
}
