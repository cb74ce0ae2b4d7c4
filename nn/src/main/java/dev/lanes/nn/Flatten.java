package dev.lanes.nn;

import java.util.List;

/**
 * An image or a sequence as a flat vector of its values, in storage order (channels last for an image): the
 * values stay where they are, only the shape changes (forward and backward copy them across). A dense layer
 * reads any input flat by itself, so before a dense layer a flatten only says so.
 */
public final class Flatten implements Layer {

    /** The (option-less) configuration. */
    public record Config() implements LayerFactory {
        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new Flatten(name, input);
        }

        @Override
        public String type() {
            return "flatten";
        }
    }

    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;

    private Flatten(String name, Shape input) {
        this.name = name;
        this.inputShape = input;
        this.outputShape = input.flattened();
    }

    /** {@return a flatten} */
    public static Config of() {
        return new Config();
    }

    static LayerFactory fromSpec(LayerSpec spec) {
        return new Config();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("flatten");
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        System.arraycopy(input.values(), 0, output.values(), 0, batch * inputShape.size());
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (inputGradient) {
            System.arraycopy(output.gradient(), 0, input.gradient(), 0, batch * inputShape.size());
        }
    }

    @Override
    public String describe() {
        return "flatten → " + outputShape;
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
