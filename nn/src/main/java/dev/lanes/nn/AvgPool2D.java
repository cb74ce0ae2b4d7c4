package dev.lanes.nn;

import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Pooling;
import java.util.List;

/**
 * Average pooling over images, as PyTorch's {@code AvgPool2d}: each output is the mean of its window, per
 * channel; with padding, the divisor counts the padded positions ({@code count_include_pad}, PyTorch's
 * default) unless {@code countPad=false}. Backward spreads each output's gradient evenly over its window.
 */
public final class AvgPool2D implements Layer {

    /**
     * An average pool's configuration.
     *
     * @param size            the window's side
     * @param stride          input pixels between two windows (default: the window's side)
     * @param padding         padding on each side, at most half the window
     * @param countIncludePad whether padded positions count in the divisor
     */
    public record Config(int size, int stride, int padding, boolean countIncludePad) implements LayerFactory {
        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new AvgPool2D(name, input, this);
        }

        @Override
        public String type() {
            return "avgpool";
        }
    }

    private final String name;
    private final Config config;
    private final Shape inputShape;
    private final Conv2dGeometry geometry;
    private final Shape outputShape;

    private AvgPool2D(String name, Shape input, Config config) {
        this.name = name;
        this.config = config;
        this.inputShape = input;
        this.geometry = Pool2D.geometry("avgpool", input, config.size(), config.stride(), config.padding());
        this.outputShape = Pool2D.output(geometry);
    }

    /**
     * {@return a {@code size x size} average pool with stride {@code size}}
     *
     * @param size the window side (and stride), {@code >= 1}
     */
    public static Config of(int size) {
        return new Config(size, size, 0, true);
    }

    /** An {@code avgpool} spec: {@code size}, optional {@code stride}, {@code pad} and {@code countPad}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        int size = spec.intOption("size", 1, 1 << 12);
        return new Config(size, spec.intOption("stride", size, 1, 1 << 12), spec.intOption("pad", 0, 0, 1 << 11),
                spec.booleanOption("countPad", true));
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
        return LayerSpec.of("avgpool", "size", Integer.toString(config.size()), "stride",
                Integer.toString(config.stride()), "pad", Integer.toString(config.padding()), "countPad",
                Boolean.toString(config.countIncludePad()));
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        Pooling.averageForward(geometry, batch, config.countIncludePad(), input.values(), 0, output.values(), 0);
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (inputGradient) {
            Pooling.averageBackward(geometry, batch, config.countIncludePad(), output.gradient(), 0,
                    input.gradient(), 0);
        }
    }

    @Override
    public String describe() {
        return "avgpool " + config.size() + " → " + outputShape;
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
