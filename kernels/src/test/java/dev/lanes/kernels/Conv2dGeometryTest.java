package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Output sizes as PyTorch computes them, "same" padding as Keras, and the checks with their messages. */
class Conv2dGeometryTest {

    @Test
    void outputSizesOfTheIssueNetwork() {
        Conv2dGeometry conv1 = Conv2dGeometry.of(1, 28, 28, 16, 5, 1, 0);
        assertEquals(24, conv1.outHeight());
        assertEquals(24, conv1.outWidth());
        assertEquals(25, conv1.patchSize());
        assertEquals(16 * 25, conv1.weightSize());
        assertEquals(784, conv1.inputSize());
        assertEquals(24 * 24 * 16, conv1.outputSize());
        Conv2dGeometry pool1 = Conv2dGeometry.pooling(16, 24, 24, 2, 2, 0);
        assertEquals(12, pool1.outHeight());
        Conv2dGeometry conv2 = Conv2dGeometry.of(16, 12, 12, 32, 5, 1, 0);
        assertEquals(8, conv2.outWidth());
        assertEquals(400, conv2.patchSize());
        assertEquals("16x12x12 -> 32x8x8, kernel 5x5, stride 1x1, padding 0,0,0,0 (t,l,b,r), dilation 1x1",
                conv2.toString());
    }

    @Test
    void outputSizeRoundsDownLikePyTorch() {
        // (7 + 1 + 0 - 3) / 2 + 1 = 3; dilation 2 makes the reach 5: (7 + 1 - 5) / 2 + 1 = 2
        Conv2dGeometry g = Conv2dGeometry.builder(3, 7, 7).kernel(3, 3).stride(2, 2).padding(1, 1, 0, 0).build();
        assertEquals(3, g.outHeight());
        Conv2dGeometry dilated = Conv2dGeometry.builder(3, 7, 7).kernel(3, 3).stride(2, 2).padding(1, 1, 0, 0)
                .dilation(2, 2).build();
        assertEquals(2, dilated.outHeight());
        // stride larger than the kernel: (10 - 2) / 5 + 1 = 2
        assertEquals(2, Conv2dGeometry.pooling(4, 10, 10, 2, 5, 0).outWidth());
    }

    @Test
    void samePaddingKeepsTheSizeAtStrideOneAndPutsTheOddOneBelowAndRight() {
        Conv2dGeometry g = Conv2dGeometry.builder(2, 9, 8).outChannels(4).kernel(4, 3).samePadding().build();
        assertEquals(9, g.outHeight());
        assertEquals(8, g.outWidth());
        assertEquals(1, g.padTop());
        assertEquals(2, g.padBottom());
        assertEquals(1, g.padLeft());
        assertEquals(1, g.padRight());
        Conv2dGeometry strided = Conv2dGeometry.builder(2, 9, 8).kernel(3, 3).stride(2, 2).samePadding().build();
        assertEquals(5, strided.outHeight()); // ceil(9 / 2)
        assertEquals(4, strided.outWidth());
        // total padding (out - 1) stride + reach - in: (5 - 1) 2 + 3 - 9 = 2 rows, (4 - 1) 2 + 3 - 8 = 1 column
        assertEquals(1, strided.padTop());
        assertEquals(1, strided.padBottom());
        assertEquals(0, strided.padLeft());
        assertEquals(1, strided.padRight());
    }

    @Test
    void paddingBeyondTheKernelsReach() {
        Conv2dGeometry g = Conv2dGeometry.of(1, 2, 2, 1, 1, 1, 2);
        assertEquals(6, g.outHeight());
        assertFalse(g.everyWindowSeesInput());
        assertTrue(Conv2dGeometry.pooling(1, 4, 4, 3, 1, 1).everyWindowSeesInput());
    }

    @Test
    void equality() {
        assertEquals(Conv2dGeometry.of(3, 5, 5, 8, 3, 1, 1),
                Conv2dGeometry.builder(3, 5, 5).outChannels(8).kernel(3, 3).samePadding().build());
        assertEquals(Conv2dGeometry.of(3, 5, 5, 8, 3, 1, 1).hashCode(),
                Conv2dGeometry.builder(3, 5, 5).outChannels(8).kernel(3, 3).padding(1, 1, 1, 1).build().hashCode());
        assertNotEquals(Conv2dGeometry.of(3, 5, 5, 8, 3, 1, 1), Conv2dGeometry.of(3, 5, 5, 8, 3, 1, 0));
    }

    private static void assertRejected(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void rejectsBadGeometriesByName() {
        assertRejected("inChannels must be >= 1, was 0", () -> Conv2dGeometry.builder(0, 4, 4));
        assertRejected("inWidth must be >= 1, was -1", () -> Conv2dGeometry.builder(1, 4, -1));
        assertRejected("kernelWidth must be >= 1, was 0", () -> Conv2dGeometry.builder(1, 4, 4).kernel(2, 0));
        assertRejected("strideHeight must be >= 1, was 0", () -> Conv2dGeometry.builder(1, 4, 4).stride(0, 1));
        assertRejected("dilationWidth must be >= 1, was 0", () -> Conv2dGeometry.builder(1, 4, 4).dilation(1, 0));
        assertRejected("padBottom must be >= 0, was -1",
                () -> Conv2dGeometry.builder(1, 4, 4).padding(0, 0, -1, 0));
        assertRejected("outChannels must be >= 1, was 0", () -> Conv2dGeometry.of(1, 4, 4, 0, 3, 1, 0));
        assertRejected("the kernel's height reach 5 (kernel 5, dilation 1) exceeds the padded input height 4 "
                + "(input 4 + padding 0 + 0): no output", () -> Conv2dGeometry.of(1, 4, 4, 1, 5, 1, 0));
        assertRejected("the kernel's width reach 7 (kernel 3, dilation 3) exceeds the padded input width 6 "
                        + "(input 4 + padding 1 + 1): no output",
                () -> Conv2dGeometry.builder(1, 9, 4).kernel(3, 3).dilation(1, 3).padding(1, 1, 1, 1).build());
        assertRejected("outChannels x kernelHeight x kernelWidth x inChannels (the weights) = 2500000000 exceeds "
                + "the largest array, 2147483647", () -> Conv2dGeometry.of(10000, 1, 1, 250000, 1, 1, 0));
    }
}
