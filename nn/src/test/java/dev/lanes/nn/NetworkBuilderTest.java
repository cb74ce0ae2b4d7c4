package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernels.Activation;
import org.junit.jupiter.api.Test;

/** The builder rejects networks that cannot be trained, saying why. */
class NetworkBuilderTest {

    @Test
    void describesTheArchitecture() {
        Network net = Network.builder().input(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX).build();
        assertEquals("784 → 256 relu → 10 softmax, cross_entropy", net.describe());
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, net.parameterCount());
        assertEquals(4, net.parameters().size());
    }

    @Test
    void lossMustMatchTheOutputActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.builder()
                .input(4).dense(3, Activation.SIGMOID).loss(Loss.CROSS_ENTROPY).build());
        assertEquals("loss cross_entropy needs a softmax output layer, the last layer is sigmoid", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder()
                .input(4).dense(3, Activation.RELU).loss(Loss.BINARY_CROSS_ENTROPY).build());
        assertEquals("loss binary_cross_entropy needs a sigmoid output layer, the last layer is relu", e.getMessage());
    }

    @Test
    void theLastActivationBecomesTheOutputActivation() {
        Network net = Network.builder().input(4).dense(3, Activation.SOFTMAX).dense(2, Activation.SOFTMAX).build();
        assertEquals(Activation.SOFTMAX, net.layers().get(0).activation());
        assertEquals(Activation.IDENTITY, net.layers().get(1).activation());
        assertEquals(Activation.SOFTMAX, net.outputActivation());
        assertEquals(Loss.CROSS_ENTROPY, net.loss());
        assertEquals("4 → 3 softmax → 2 softmax, cross_entropy", net.describe());
        float[] p = net.predict(new float[] {1, 2, 3, 4});
        assertEquals(1.0, p[0] + p[1], 1e-6);
    }

    @Test
    void aMisfitLayerIsNamedWithItsPositionAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.builder()
                .input(4).dense(3, Activation.RELU).add(new LayerFactory() {
                    @Override
                    public Layer create(String name, Shape input, ParameterSource parameters) {
                        throw new IllegalArgumentException("needs an image, got " + input);
                    }

                    @Override
                    public String type() {
                        return "picky";
                    }
                }).build());
        assertEquals("layer 2 (picky2) on input 3: needs an image, got 3", e.getMessage());
    }

    @Test
    void sizesAndOrder() {
        assertThrows(IllegalStateException.class, () -> Network.builder().dense(3, Activation.RELU));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(4).dense(0, Activation.RELU));
        assertEquals("layer 1: units must be >= 1, was 0", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Network.builder().input(4).build());
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        Network a = Network.builder().input(5).dense(4, Activation.TANH).seed(9).build();
        Network b = Network.builder().input(5).dense(4, Activation.TANH).seed(9).build();
        Network c = Network.builder().input(5).dense(4, Activation.TANH).seed(10).build();
        float[] wa = a.parameters().get(0).values();
        assertEquals(java.util.Arrays.toString(wa), java.util.Arrays.toString(b.parameters().get(0).values()));
        org.junit.jupiter.api.Assertions.assertNotEquals(java.util.Arrays.toString(wa),
                java.util.Arrays.toString(c.parameters().get(0).values()));
    }

    @Test
    void layersFromTheCommandLineSyntax() {
        Network a = Network.builder().input(6).layers("dense:5:tanh, dense:3:softmax").seed(4).build();
        Network b = Network.builder().input(6).dense(5, Activation.TANH).dense(3, Activation.SOFTMAX).seed(4)
                .build();
        assertEquals(b.describe(), a.describe());
        assertEquals(java.util.Arrays.toString(b.parameters().get(0).values()),
                java.util.Arrays.toString(a.parameters().get(0).values()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(6).layers("dense:5:tanh,dense:x"));
        assertEquals("layer 2 'dense:x': dense: units must be an integer in 1 to 2147483647, was 'x'"
                + " (expected dense:UNITS:ACTIVATION[:key=value…])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder().input(6).layers("dense:5,pool:2"));
        assertEquals("layer 2 'pool:2': unknown layer type 'pool', expected one of dense, conv, maxpool, avgpool,"
                + " globalavgpool, batchnorm, dropout, flatten, rnn, lstm, gru", e.getMessage());
    }
}
