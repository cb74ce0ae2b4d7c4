package dev.lanes.nn;

import dev.lanes.kernels.Pooling;
import java.util.List;

/**
 * Global average pooling: each channel of an image averaged over all its pixels, giving a flat vector of
 * channels (the usual bridge from convolutions to a classifier, PyTorch's {@code AdaptiveAvgPool2d(1)} then
 * a flatten).
 */
public final class GlobalAvgPool implements Layer {

    /** The (option-less) configuration. */
    public record Config() implements LayerFactory {
        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new GlobalAvgPool(name, input);
        }

        @Override
        public String type() {
            return "globalavgpool";
        }
    }

    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int pixels;

    private GlobalAvgPool(String name, Shape input) {
        if (!input.isImage()) {
            throw new IllegalArgumentException("globalavgpool needs an image input (channels x height x width), got "
                    + input);
        }
        this.name = name;
        this.inputShape = input;
        this.outputShape = Shape.flat(input.channels());
        this.pixels = input.height() * input.width();
    }

    /** {@return a global average pool} */
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
        return LayerSpec.of("globalavgpool");
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        Pooling.globalAverageForward(batch, pixels, inputShape.channels(), input.values(), 0, output.values(), 0);
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (inputGradient) {
            Pooling.globalAverageBackward(batch, pixels, inputShape.channels(), output.gradient(), 0,
                    input.gradient(), 0);
        }
    }

    @Override
    public String describe() {
        return "globalavgpool → " + outputShape;
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
