package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Pooling;
import java.util.List;

/**
 * Max pooling over images, as PyTorch's {@code MaxPool2d}: each output is the largest input in its window, per
 * channel (padding never wins). Forward saves where each maximum came from (the first in window order on
 * ties); backward routes each output's gradient to that input and nothing to the others.
 *
 * <p>It takes over the layer below's f′ ({@link #fusesInputDerivative()}): each output is the input element at
 * its argmax itself, so for an f whose derivative comes from its output (ReLU, leaky ReLU, sigmoid, tanh) f′ at
 * the argmax is f′ of the pooled output, and backward multiplies the pooled gradient, a quarter of the input's
 * size for 2x2 windows, before routing it; the inputs that no window picked get 0 either way. That saves a pass
 * over the largest activation of a CNN (docs/convolution.md). Otherwise (f′ from z) it multiplies after routing.
 */
public final class MaxPool2D implements Layer {

    /**
     * A max pool's configuration.
     *
     * @param size    the window's side
     * @param stride  input pixels between two windows (PyTorch's default: the window's side)
     * @param padding padding on each side, at most half the window
     */
    public record Config(int size, int stride, int padding) implements LayerFactory {
        @Override
        public Layer create(String name, Shape input, ParameterSource parameters) {
            return new MaxPool2D(name, input, this);
        }

        @Override
        public String type() {
            return "maxpool";
        }
    }

    /** The argmax of every output of the last forward pass, as the kernels index the input. */
    private record State(int[] argmax) implements LayerState {
    }

    private final String name;
    private final Config config;
    private final Shape inputShape;
    private final Conv2dGeometry geometry;
    private final Shape outputShape;

    private MaxPool2D(String name, Shape input, Config config) {
        this.name = name;
        this.config = config;
        this.inputShape = input;
        this.geometry = Pool2D.geometry("maxpool", input, config.size(), config.stride(), config.padding());
        this.outputShape = Pool2D.output(geometry);
    }

    /**
     * {@return a {@code size x size} max pool with stride {@code size}}
     *
     * @param size the window side (and stride), {@code >= 1}
     */
    public static Config of(int size) {
        return new Config(size, size, 0);
    }

    /** A {@code maxpool} spec: {@code size}, optional {@code stride} (default size) and {@code pad}. */
    static LayerFactory fromSpec(LayerSpec spec) {
        int size = spec.intOption("size", 1, 1 << 12);
        return new Config(size, spec.intOption("stride", size, 1, 1 << 12), spec.intOption("pad", 0, 0, 1 << 11));
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
        return LayerSpec.of("maxpool", "size", Integer.toString(config.size()), "stride",
                Integer.toString(config.stride()), "pad", Integer.toString(config.padding()));
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State(new int[Math.multiplyExact(maxBatch, outputShape.size())]);
    }

    @Override
    public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
        Pooling.maxForward(geometry, batch, input.values(), 0, output.values(), 0, ((State) state).argmax(), 0);
    }

    @Override
    public boolean fusesInputDerivative() {
        return true;
    }

    @Override
    public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                         boolean parameterGradients) {
        if (!inputGradient) {
            return;
        }
        Activation f = input.fusedDerivative();
        float[] dy = output.gradient();
        // f′ from the pooled outputs when it reads this layer's own input (they are its elements at the argmax).
        boolean pooled = f != null && f.derivativeFromOutput() && input.derivativeInput() == input.values();
        if (pooled) {
            Activations.multiplyByDerivative(f, batch * outputShape.size(), output.values(), 0, dy, 0);
        }
        Pooling.maxBackward(geometry, batch, dy, 0, ((State) state).argmax(), 0, input.gradient(), 0);
        if (f != null && !pooled) {
            Activations.multiplyByDerivative(f, batch * inputShape.size(), input.derivativeInput(), 0,
                    input.gradient(), 0);
        }
    }

    @Override
    public String describe() {
        return "maxpool " + config.size() + " → " + outputShape;
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
