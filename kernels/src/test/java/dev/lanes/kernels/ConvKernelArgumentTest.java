package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The convolution, pooling, batch-norm and dropout façades reject bad arguments before any work, naming the
 * argument, the needed and the actual value, and the shape the array was meant to hold.
 */
class ConvKernelArgumentTest {

    private static final Conv2dGeometry CONV = Conv2dGeometry.of(2, 5, 5, 3, 3, 1, 0);
    private static final Conv2dGeometry POOL = Conv2dGeometry.pooling(2, 4, 4, 2, 2, 0);

    private static void assertRejected(String expectedMessage, Executable call) {
        assertEquals(expectedMessage, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void convolutions() {
        float[] x = new float[2 * 50];
        float[] w = new float[54];
        float[] y = new float[2 * 27];
        float[] scratch = new float[Math.max(1, Convolutions.scratchSize(CONV, 2))];
        assertRejected("g must not be null",
                () -> Convolutions.forward(null, 2, x, 0, w, 0, null, 0, Activation.RELU, y, 0, scratch, 0));
        assertRejected("batch must be >= 0, was -1",
                () -> Convolutions.forward(CONV, -1, x, 0, w, 0, null, 0, Activation.RELU, y, 0, scratch, 0));
        assertRejected("x is too short: needs 101 elements (xOffset=1 + 100: x is batch x inHeight x inWidth x "
                        + "inChannels = 2x5x5x2), has 100",
                () -> Convolutions.forward(CONV, 2, x, 1, w, 0, null, 0, Activation.RELU, y, 0, scratch, 0));
        assertRejected("w is too short: needs 54 elements (wOffset=0 + 54: w is outChannels x kernelHeight x "
                        + "kernelWidth x inChannels = 3x3x3x2), has 53",
                () -> Convolutions.forward(CONV, 2, x, 0, new float[53], 0, null, 0, Activation.RELU, y, 0, scratch, 0));
        assertRejected("bias is too short: needs 4 elements (biasOffset=1 + length 3), has 3",
                () -> Convolutions.forward(CONV, 2, x, 0, w, 0, new float[3], 1, Activation.RELU, y, 0, scratch, 0));
        assertRejected("f must be elementwise, was softmax: softmax is per row: use Softmax",
                () -> Convolutions.forward(CONV, 2, x, 0, w, 0, null, 0, Activation.SOFTMAX, y, 0, scratch, 0));
        assertRejected("y is too short: needs 56 elements (yOffset=2 + 54: y is batch x outHeight x outWidth x "
                        + "outChannels = 2x3x3x3), has 54",
                () -> Convolutions.forward(CONV, 2, x, 0, w, 0, null, 0, Activation.RELU, y, 2, scratch, 0));
        assertRejected("dz is too short: needs 54 elements (dzOffset=0 + 54: dz is batch x outHeight x outWidth x "
                        + "outChannels = 2x3x3x3), has 10",
                () -> Convolutions.backwardInput(CONV, 2, new float[10], 0, w, 0, x, 0, scratch, 0));
        assertRejected("dx is too short: needs 100 elements (dxOffset=0 + 100: dx is batch x inHeight x inWidth x "
                        + "inChannels = 2x5x5x2), has 54",
                () -> Convolutions.backwardInput(CONV, 2, y, 0, w, 0, y, 0, scratch, 0));
        assertRejected("dbias is too short: needs 3 elements (dbiasOffset=0 + length 3), has 2",
                () -> Convolutions.backwardWeights(CONV, 2, x, 0, y, 0, w, 0, new float[2], 0, scratch, 0));
        if (Convolutions.scratchSize(CONV, 2) > 0) {
            int needed = Convolutions.scratchSize(CONV, 2);
            assertRejected("scratch is too short: needs " + (needed + 1) + " elements (scratchOffset=1 + " + needed
                            + ": Convolutions.scratchSize(g, 2)), has " + needed,
                    () -> Convolutions.forward(CONV, 2, x, 0, w, 0, null, 0, Activation.RELU, y, 0, new float[needed], 1));
            assertRejected("scratch must not be null",
                    () -> Convolutions.backwardWeights(CONV, 2, x, 0, y, 0, w, 0, null, 0, null, 0));
        }
    }

    @Test
    void pooling() {
        float[] x = new float[32];
        float[] y = new float[8];
        int[] argmax = new int[8];
        assertRejected("pooling keeps the channels: g.outChannels() must equal g.inChannels() = 2, was 3 ("
                        + CONV + ")", () -> Pooling.maxForward(CONV, 1, new float[50], 0, y, 0, argmax, 0));
        Conv2dGeometry padded = Conv2dGeometry.pooling(1, 2, 2, 2, 2, 2);
        assertRejected("a pooling window lies entirely on padding (" + padded + "): the padding must be smaller "
                + "than the window's reach", () -> Pooling.averageForward(padded, 1, true, x, 0, y, 0));
        assertRejected("argmax is too short: needs 9 elements (argmaxOffset=1 + 8: one per output, y is batch x "
                        + "outHeight x outWidth x channels = 1x2x2x2), has 8",
                () -> Pooling.maxForward(POOL, 1, x, 0, y, 0, argmax, 1));
        assertRejected("y is too short: needs 16 elements (yOffset=0 + 16: y is batch x outHeight x outWidth x "
                        + "channels = 2x2x2x2), has 8", () -> Pooling.averageForward(POOL, 2, false, new float[64], 0,
                y, 0));
        int[] bad = {0, 1, 2, 3, 4, 5, 32, 7};
        assertRejected("argmax[6] = 32 is outside the 4x4x2 example (from maxForward with the same geometry?)",
                () -> Pooling.maxBackward(POOL, 1, y, 0, bad, 0, x, 0));
        assertRejected("pixels must be >= 1, was 0", () -> Pooling.globalAverageForward(1, 0, 2, x, 0, y, 0));
        assertRejected("dx is too short: needs 33 elements (dxOffset=1 + 32: dx is batch x pixels x channels = "
                + "2x8x2), has 32", () -> Pooling.globalAverageBackward(2, 8, 2, y, 0, x, 1));
    }

    @Test
    void batchNormalization() {
        float[] x = new float[12];
        float[] p = new float[3];
        assertRejected("rows must be >= 2 in training (the variance of one value per column is undefined, as "
                        + "PyTorch says: expected more than 1 value per channel), was 1",
                () -> BatchNormalization.trainingForward(1, 3, x, 0, 3, p, 0, p, 0, 1e-5f, 0.1f, p, 0, p, 0, x, 0, 3,
                        p, 0, p, 0));
        assertRejected("eps must be finite and > 0, was 0.0",
                () -> BatchNormalization.trainingForward(4, 3, x, 0, 3, p, 0, p, 0, 0f, 0.1f, p, 0, p, 0, x, 0, 3,
                        p, 0, p, 0));
        assertRejected("momentum must be in [0, 1], was 1.5",
                () -> BatchNormalization.trainingForward(4, 3, x, 0, 3, p, 0, p, 0, 1e-5f, 1.5f, p, 0, p, 0, x, 0,
                        3, p, 0, p, 0));
        assertRejected("ldx must be >= 3 (the row length of x as stored, rows x cols), was 2",
                () -> BatchNormalization.inferenceForward(4, 3, x, 0, 2, p, 0, p, 0, 1e-5f, p, 0, p, 0, x, 0, 3));
        assertRejected("runningVar is too short: needs 4 elements (runningVarOffset=1 + length 3), has 3",
                () -> BatchNormalization.inferenceForward(4, 3, x, 0, 3, p, 0, p, 0, 1e-5f, p, 0, p, 1, x, 0, 3));
        assertRejected("dgamma must not be null",
                () -> BatchNormalization.backward(4, 3, x, 0, 3, x, 0, 3, p, 0, p, 0, p, 0, x, 0, 3, null, 0, p, 0));
        assertRejected("cols must be >= 1, was 0",
                () -> BatchNormalization.backward(4, 0, x, 0, 3, x, 0, 3, p, 0, p, 0, p, 0, x, 0, 3, p, 0, p, 0));
    }

    @Test
    void dropout() {
        float[] x = new float[4];
        assertRejected("rate must be in [0, 1], was 1.5", () -> Dropouts.forward(4, 1.5f, 1, 1, 0, x, 0, x, 0));
        assertRejected("rate must be in [0, 1], was NaN", () -> Dropouts.kept(Float.NaN, 1, 1, 0));
        assertRejected("dx is too short: needs 5 elements (dxOffset=1 + length 4), has 4",
                () -> Dropouts.backward(4, 0.5f, 1, 1, 0, x, 0, x, 1));
    }
}
