package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer type through {@link LayerGradientCheck}, in both modes, on several input shapes: adding a layer
 * type is one line in {@link #cases()} (and its reference in {@link ReferenceLayers}).
 */
class LayerGradientCheckTest {

    static final Activation[] ACTIVATIONS = {
        Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.1f), Activation.SIGMOID, Activation.TANH,
        Activation.SOFTPLUS, Activation.GELU, Activation.SILU, Activation.SOFTMAX};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation f : ACTIVATIONS) {
            cases.add(Arguments.of(Dense.of(5, f), Shape.flat(7), 3));
        }
        cases.add(Arguments.of(Dense.of(4, Activation.TANH), Shape.image(2, 3, 3), 2));
        cases.add(Arguments.of(Dense.of(3, Activation.RELU), Shape.sequence(4, 2), 5));
        Shape image = Shape.image(3, 7, 6);
        cases.add(Arguments.of(Conv2D.of(4, 3, Activation.RELU), image, 2));
        cases.add(Arguments.of(Conv2D.of(2, 1, Activation.TANH), image, 2));
        cases.add(Arguments.of(new Conv2D.Config(5, 3, Activation.GELU, 2, 2, 1), image, 2));
        cases.add(Arguments.of(new Conv2D.Config(3, 2, Activation.SIGMOID, 3, Conv2D.SAME, 2), image, 2));
        cases.add(Arguments.of(new Conv2D.Config(2, 3, Activation.IDENTITY, 1, 4, 1), Shape.image(1, 2, 3), 3));
        cases.add(Arguments.of(MaxPool2D.of(2), image, 2));
        cases.add(Arguments.of(new MaxPool2D.Config(3, 2, 1), image, 2));
        cases.add(Arguments.of(AvgPool2D.of(2), image, 2));
        cases.add(Arguments.of(new AvgPool2D.Config(3, 2, 1, true), image, 2));
        cases.add(Arguments.of(new AvgPool2D.Config(3, 1, 1, false), image, 2));
        cases.add(Arguments.of(GlobalAvgPool.of(), image, 3));
        cases.add(Arguments.of(BatchNorm.of(), image, 3));
        cases.add(Arguments.of(BatchNorm.of(), Shape.flat(5), 4));
        cases.add(Arguments.of(BatchNorm.of(), Shape.sequence(3, 2), 3));
        cases.add(Arguments.of(Dropout.of(0.3f), image, 2));
        cases.add(Arguments.of(Flatten.of(), image, 2));
        // Recurrent layers: sequence lengths 1 and up, every step's output or the last one's, whole and
        // truncated backpropagation through time (windows that divide the sequence and windows that do not).
        for (String type : List.of("rnn:4", "rnn:3:relu", "lstm:4", "gru:4")) {
            cases.add(Arguments.of(recurrent(type), Shape.sequence(1, 3), 3));
            cases.add(Arguments.of(recurrent(type + ":seq=all"), Shape.sequence(2, 3), 2));
            cases.add(Arguments.of(recurrent(type), Shape.sequence(5, 2), 2));
            cases.add(Arguments.of(recurrent(type + ":seq=all"), Shape.sequence(5, 3), 2));
            cases.add(Arguments.of(recurrent(type + ":bptt=2"), Shape.sequence(5, 3), 2));
            cases.add(Arguments.of(recurrent(type + ":seq=all:bptt=2"), Shape.sequence(5, 2), 2));
            cases.add(Arguments.of(recurrent(type + ":seq=all:bptt=3"), Shape.sequence(6, 2), 2));
        }
        cases.add(Arguments.of(recurrent("lstm:3:forget_bias=0:orthogonal=false"), Shape.sequence(3, 4), 2));
        return cases.stream();
    }

    private static LayerFactory recurrent(String layer) {
        return LayerTypes.factory(LayerTypes.parse(layer));
    }

    @ParameterizedTest(name = "{0} on {1}, batch {2}")
    @MethodSource("cases")
    void backwardMatchesFiniteDifferencesOfTheReference(LayerFactory layer, Shape input, int batch) {
        LayerGradientCheck.check(layer, input, batch, (layer.toString() + input).hashCode(), Mode.TRAINING,
                Mode.INFERENCE);
    }
}
