package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every kernel façade rejects bad arguments before any work, with a message naming the argument and giving
 * the needed and the actual value.
 */
class KernelArgumentTest {

    private final float[] x = new float[10];
    private final float[] y = new float[10];

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void activations() {
        assertRejected("f must be elementwise, was softmax: softmax is per row: use Softmax",
                () -> Activations.forward(Activation.SOFTMAX, 2, x, 0, y, 0));
        assertRejected("f must not be null", () -> Activations.forward(null, 2, x, 0, y, 0));
        assertRejected("n must be >= 0, was -1", () -> Activations.forward(Activation.RELU, -1, x, 0, y, 0));
        assertRejected("y is too short: needs 12 elements (yOffset=2 + length 10), has 10",
                () -> Activations.forward(Activation.RELU, 10, x, 0, y, 2));
        assertRejected("xOffset must be >= 0, was -3", () -> Activations.forward(Activation.RELU, 1, x, -3, y, 0));
        assertRejected("f must be elementwise, was softmax: softmax is per row: use Softmax",
                () -> Activations.multiplyByDerivative(Activation.SOFTMAX, 2, x, 0, y, 0));
        assertRejected("saved must not be null",
                () -> Activations.multiplyByDerivative(Activation.TANH, 2, null, 0, y, 0));
        assertRejected("delta is too short: needs 11 elements (deltaOffset=1 + length 10), has 10",
                () -> Activations.multiplyByDerivative(Activation.TANH, 10, x, 0, y, 1));
    }

    @Test
    void softmax() {
        assertRejected("rows must be >= 0, was -1", () -> Softmax.forward(-1, 2, x, 0, 2, y, 0, 2));
        assertRejected("ldx must be >= 3 (the row length of x as stored, rows x cols), was 2",
                () -> Softmax.logForward(2, 3, x, 0, 2, y, 0, 3));
        assertRejected("y is too short for a 3x3 matrix (rows x cols) at yOffset=2 with ldy=4: needs 13 elements,"
                + " has 10", () -> Softmax.forward(3, 3, x, 0, 3, y, 2, 4));
        assertRejected("dz must not be null", () -> Softmax.backward(1, 2, x, 0, 2, y, 0, 2, null, 0, 2));
    }

    @Test
    void losses() {
        int[] labels = {0, 1, 5};
        assertRejected("label of row 2 must be in [0, 3), was 5",
                () -> Losses.softmaxCrossEntropy(3, 3, x, 0, 3, labels, 0, y, 0, 3));
        assertRejected("label of row 0 must be in [0, 3), was -1",
                () -> Losses.softmaxCrossEntropy(1, 3, x, 0, 3, new int[] {-1}, 0, y, 0, 3));
        assertRejected("labels is too short: needs 4 elements (labelsOffset=1 + length 3), has 3",
                () -> Losses.softmaxCrossEntropy(3, 3, x, 0, 3, labels, 1, y, 0, 3));
        assertRejected("rows must be >= 1, was 0",
                () -> Losses.softmaxCrossEntropy(0, 3, x, 0, 3, labels, 0, y, 0, 3));
        assertRejected("cols must be >= 1, was 0",
                () -> Losses.softmaxCrossEntropy(1, 0, x, 0, 3, labels, 0, y, 0, 3));
        assertRejected("targets is too short for a 2x5 matrix (rows x cols) at targetsOffset=1 with ldTargets=5:"
                + " needs 11 elements, has 10",
                () -> Losses.sigmoidBinaryCrossEntropy(2, 5, x, 0, 5, y, 1, 5, new float[10], 0, 5));
        assertRejected("ldDelta must be >= 5 (the row length of delta as stored, rows x cols), was 4",
                () -> Losses.meanSquaredError(2, 5, x, 0, 5, y, 0, 5, new float[10], 0, 4));
    }

    @Test
    void vectors() {
        assertRejected("x is too short: needs 11 elements (xOffset=1 + length 10), has 10",
                () -> Vectors.axpy(10, 1f, x, 1, y, 0));
        assertRejected("n must be >= 0, was -2", () -> Vectors.scale(-2, 1f, x, 0));
        assertRejected("y must not be null", () -> Vectors.dot(2, x, 0, null, 0));
        assertRejected("xOffset must be >= 0, was -1", () -> Vectors.sumOfSquares(2, x, -1));
        assertRejected("min must be <= max, was min=1.0, max=0.0", () -> Vectors.clip(2, 1f, 0f, x, 0));
        assertRejected("max must not be NaN", () -> Vectors.clip(2, 0f, Float.NaN, x, 0));
        assertRejected("cols must be >= 1, was 0", () -> Vectors.argmaxRows(2, 0, x, 0, 1, new int[2], 0));
        assertRejected("out is too short: needs 3 elements (outOffset=1 + length 2), has 2",
                () -> Vectors.maxRows(2, 2, x, 0, 2, new float[2], 1));
        assertRejected("out is too short: needs 4 elements (outOffset=0 + length 4), has 3",
                () -> Vectors.columnSums(2, 4, x, 0, 4, 0f, new float[3], 0));
    }

    @Test
    void optimizers() {
        float[] m = new float[10];
        assertRejected("learningRate must be >= 0, was -0.1", () -> Optimizers.sgd(2, -0.1f, 0f, x, 0, y, 0));
        assertRejected("weightDecay must be >= 0, was NaN", () -> Optimizers.sgd(2, 0.1f, Float.NaN, x, 0, y, 0));
        assertRejected("g is too short: needs 12 elements (gOffset=2 + length 10), has 10",
                () -> Optimizers.sgd(10, 0.1f, 0f, x, 0, y, 2));
        assertRejected("nesterov needs momentum > 0, was 0.0",
                () -> Optimizers.momentum(2, 0.1f, 0f, 0f, true, x, 0, y, 0, m, 0));
        assertRejected("velocity must not be null",
                () -> Optimizers.momentum(2, 0.1f, 0.9f, 0f, false, x, 0, y, 0, null, 0));
        assertRejected("beta2 must be in [0, 1), was 1.0",
                () -> Optimizers.adam(2, 1e-3f, 0.9f, 1f, 1e-8f, 0f, false, 1, x, 0, y, 0, m, 0, m, 0));
        assertRejected("step must be >= 1, was 0",
                () -> Optimizers.adam(2, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 0, x, 0, y, 0, m, 0, m, 0));
        assertRejected("v is too short: needs 11 elements (vOffset=1 + length 10), has 10",
                () -> Optimizers.adam(10, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, true, 1, x, 0, y, 0, m, 0, m, 1));
        assertRejected("maxNorm must be finite and > 0, was 0.0", () -> Optimizers.clipByGlobalNorm(0f, new float[][] {x}));
        assertRejected("gradients[1] must not be null",
                () -> Optimizers.clipByGlobalNorm(1f, new float[][] {x, null}));
    }

    @Test
    void fusedGemm() {
        float[] a = new float[12];
        float[] c = new float[12];
        assertRejected("f must be elementwise, was softmax: softmax is per row: use Softmax",
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, a, 0, 2, 0f, c, 0, 2, null, 0,
                        Activation.SOFTMAX));
        assertRejected("bias is too short: needs 5 elements (biasOffset=3 + length 2), has 4",
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, a, 0, 2, 0f, c, 0, 2, new float[4], 3,
                        Activation.RELU));
        assertRejected("m must be >= 0, was -1",
                () -> Gemm.sgemm(false, false, -1, 2, 2, 1f, a, 0, 2, a, 0, 2, 0f, c, 0, 2, null, 0,
                        Activation.RELU));
        assertRejected("ldSaved must be >= 3 (the row length of saved as stored, saved is m x n), was 2",
                () -> Gemm.sgemmTimesDerivative(false, false, 2, 3, 2, 1f, a, 0, 2, a, 0, 3, 0f, c, 0, 3,
                        Activation.TANH, c, 0, 2));
        assertRejected("saved must not be null",
                () -> Gemm.sgemmTimesDerivative(false, false, 2, 3, 2, 1f, a, 0, 2, a, 0, 3, 0f, c, 0, 3,
                        Activation.TANH, null, 0, 3));
    }
}
