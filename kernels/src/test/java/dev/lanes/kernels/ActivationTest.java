package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Activation's names, parsing, equality and properties. */
class ActivationTest {

    @Test
    void namesRoundTripThroughParse() {
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU,
                Activation.SIGMOID, Activation.TANH, Activation.SOFTPLUS, Activation.GELU, Activation.SILU,
                Activation.SOFTMAX, Activation.leakyRelu(0.2f), Activation.leakyRelu(0f)}) {
            assertEquals(f, Activation.parse(f.name()));
            assertEquals(f.hashCode(), Activation.parse(f.name()).hashCode());
            assertEquals(f.name(), f.toString());
        }
        assertEquals("relu", Activation.RELU.name());
        assertEquals("leaky_relu(0.01)", Activation.LEAKY_RELU.name());
        assertEquals(Activation.LEAKY_RELU, Activation.parse(" Leaky_ReLU "));
        assertEquals(Activation.leakyRelu(0.25f), Activation.parse("leaky_relu(0.25)"));
        assertEquals(0.01f, Activation.LEAKY_RELU.slope());
        assertEquals(0f, Activation.RELU.slope());
        assertNotEquals(Activation.leakyRelu(0.2f), Activation.LEAKY_RELU);
        assertNotEquals(Activation.leakyRelu(0f), Activation.RELU);
    }

    @Test
    void badNamesAndSlopesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertEquals("unknown activation \"swish\"; valid: identity, relu, leaky_relu, leaky_relu(<slope in [0, 1)>),"
                + " sigmoid, tanh, softplus, gelu, silu, softmax", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("leaky_relu(x)"));
        assertEquals("bad slope in activation \"leaky_relu(x)\": x is not a number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(1f));
        assertEquals("slope must be in [0, 1), was 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Float.NaN));
        assertEquals("slope must be in [0, 1), was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.parse(null));
        assertEquals("name must not be null", e.getMessage());
    }

    @Test
    void elementwiseAndDerivativeSource() {
        assertFalse(Activation.SOFTMAX.isElementwise());
        assertTrue(Activation.GELU.isElementwise());
        assertFalse(Activation.GELU.derivativeFromOutput());
        assertFalse(Activation.SILU.derivativeFromOutput());
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU,
                Activation.SIGMOID, Activation.TANH, Activation.SOFTPLUS, Activation.SOFTMAX}) {
            assertTrue(f.derivativeFromOutput(), f.name());
        }
    }
}
