package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lanes.kernels.scalar.ScalarActivations;
import dev.lanes.kernels.scalar.ScalarGemm;
import dev.lanes.kernels.scalar.ScalarLosses;
import dev.lanes.kernels.scalar.ScalarSoftmax;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs without jdk.incubator.vector (the build's no-vector-module execution): every elementwise façade must
 * work on its scalar reference, without loading a class of the SIMD package.
 */
@Tag("novector")
class ElementwiseFallbackTest {

    @Test
    void facadesRunTheScalarReferences() {
        assertFalse(Kernels.simdEnabled());
        Random random = new Random(3);
        float[] x = Inputs.values(random, 37);
        for (Activation f : new Activation[] {Activation.RELU, Activation.SIGMOID, Activation.GELU}) {
            float[] y = new float[37];
            float[] expected = new float[37];
            Activations.forward(f, 37, x, 0, y, 0);
            ScalarActivations.forward(f, 37, x, 0, expected, 0);
            assertArrayEquals(expected, y);
            Activations.multiplyByDerivative(f, 37, x, 0, y, 0);
            ScalarActivations.multiplyByDerivative(f, 37, x, 0, expected, 0);
            assertArrayEquals(expected, y);
        }
        float[] y = new float[37];
        float[] expected = new float[37];
        Softmax.forward(3, 12, x, 1, 12, y, 1, 12);
        ScalarSoftmax.forward(3, 12, x, 1, 12, expected, 1, 12);
        assertArrayEquals(expected, y);
        float[] logits = Inputs.uniform(random, 20, -3, 3);
        int[] labels = {1, 3, 0, 4};
        assertEquals(ScalarLosses.softmaxCrossEntropy(4, 5, logits, 0, 5, labels, 0, expected, 0, 5),
                Losses.softmaxCrossEntropy(4, 5, logits, 0, 5, labels, 0, y, 0, 5));
        assertEquals(Vectors.sumOfSquares(20, logits, 0), ScalarLosses.meanSquaredError(1, 20, logits, 0, 20,
                new float[20], 0, 20, new float[20], 0, 20) * 2, 1e-4);

        GemmCase g = GemmCase.random(random, false, true, 9, 7, 5, 1f, 0f, 1, 1);
        float[] bias = Inputs.uniform(random, 7, -1, 1);
        float[] c = g.c().clone();
        float[] cExpected = g.c().clone();
        Gemm.sgemm(false, true, 9, 7, 5, 1f, g.a(), 1, g.lda(), g.b(), 1, g.ldb(), 0f, c, 1, g.ldc(), bias, 0,
                Activation.TANH);
        ScalarGemm.sgemm(false, true, 9, 7, 5, 1f, g.a(), 1, g.lda(), g.b(), 1, g.ldb(), 0f, cExpected, 1, g.ldc(),
                bias, 0, Activation.TANH);
        assertArrayEquals(cExpected, c);
    }
}
