package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Building, copying from, subsetting and splitting a data set; bad arguments name themselves. */
class DatasetTest {

    /** 5 examples of 1x2: example i has features (10 i, 10 i + 1) and label i % 3. */
    private final Dataset five = Dataset.of("five", 1, 2,
            new float[] {0, 1, 10, 11, 20, 21, 30, 31, 40, 41}, new int[] {0, 1, 2, 0, 1}, List.of("a", "b", "c"));

    private static void assertRejected(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void accessors() {
        assertEquals(5, five.size());
        assertEquals(2, five.features());
        assertEquals(3, five.classes());
        assertEquals("c", five.className(2));
        assertEquals(2, five.label(2));
        assertArrayEquals(new float[] {30, 31}, five.example(3));
        assertArrayEquals(new int[] {2, 2, 1}, five.classCounts());
        assertEquals(List.of("0", "1"), Dataset.of("n", 1, 1, new float[1], new int[1], 2).classNames());
    }

    @Test
    void ofCopiesItsArrays() {
        float[] x = {1, 2};
        int[] y = {0};
        Dataset d = Dataset.of("d", 1, 2, x, y, 1);
        x[0] = 9;
        y[0] = 5;
        assertArrayEquals(new float[] {1, 2}, d.example(0));
        assertEquals(0, d.label(0));
    }

    @Test
    void ofRejectsBadInput() {
        assertRejected("d: features must hold 2 examples of 2x2 = 8 floats, has 7",
                () -> Dataset.of("d", 2, 2, new float[7], new int[2], 3));
        assertRejected("d: labels[1] is 3, must be in 0 to 2 (3 classes)",
                () -> Dataset.of("d", 1, 1, new float[2], new int[] {0, 3}, 3));
        assertRejected("d: labels[0] is -1, must be in 0 to 2 (3 classes)",
                () -> Dataset.of("d", 1, 1, new float[1], new int[] {-1}, 3));
        assertRejected("d: features[5] (example 1, pixel 1) is NaN, must be finite",
                () -> Dataset.of("d", 2, 2, new float[] {0, 0, 0, 0, 0, Float.NaN, 0, 0}, new int[2], 3));
        assertRejected("d: rows and cols must be >= 1, were 0 and 4",
                () -> Dataset.of("d", 0, 4, new float[0], new int[0], 3));
        assertRejected("d: classes must be >= 1, was 0", () -> Dataset.of("d", 1, 1, new float[0], new int[0], 0));
        assertRejected("d: classNames must name at least one class, was []",
                () -> Dataset.of("d", 1, 1, new float[0], new int[0], List.of()));
    }

    @Test
    void copyBatchInOrderAtOffsets() {
        float[] x = new float[7];
        int[] y = new int[4];
        five.copyBatch(new int[] {9, 4, 0, 4}, 1, 3, x, 1, y, 1);
        assertArrayEquals(new float[] {0, 40, 41, 0, 1, 40, 41}, x);
        assertArrayEquals(new int[] {0, 1, 0, 1}, y);
        float[] x2 = new float[4];
        five.copyBatch(new int[] {2, 3}, 0, 2, x2, 0, null, 0);
        assertArrayEquals(new float[] {20, 21, 30, 31}, x2);
    }

    @Test
    void copyBatchOfARange() {
        float[] x = new float[4];
        int[] y = new int[2];
        five.copyBatch(3, 2, x, 0, y, 0);
        assertArrayEquals(new float[] {30, 31, 40, 41}, x);
        assertArrayEquals(new int[] {0, 1}, y);
    }

    @Test
    void copyBatchRejectsBadArgumentsBeforeWriting() {
        float[] x = new float[6];
        int[] y = new int[3];
        assertRejected("order[2] is 5, not an example index of five (0 to 4)",
                () -> five.copyBatch(new int[] {1, 2, 5}, 0, 3, x, 0, y, 0));
        assertArrayEquals(new float[6], x, "nothing written");
        assertRejected("from=2, count=2 must lie in 0 to 3 (order.length)",
                () -> five.copyBatch(new int[] {1, 2, 3}, 2, 2, x, 0, y, 0));
        assertRejected("x is too short for 3 examples of 2 features at xOffset=1: needs 7 floats, has 6",
                () -> five.copyBatch(new int[] {1, 2, 3}, 0, 3, x, 1, y, 0));
        assertRejected("y is too short for 3 labels at yOffset=1: needs 4 ints, has 3",
                () -> five.copyBatch(new int[] {1, 2, 3}, 0, 3, x, 0, y, 1));
        assertRejected("examples from=4, count=2 must lie in 0 to 5 (the size of five)",
                () -> five.copyBatch(4, 2, x, 0, y, 0));
        assertRejected("index must be in 0 to 4 for five, was 5", () -> five.label(5));
    }

    @Test
    void subsetKeepsTheGivenOrderAndRepeats() {
        Dataset s = five.subset(new int[] {4, 1, 4});
        assertEquals("five[subset of 3]", s.name());
        assertArrayEquals(new int[] {1, 1, 1}, s.labels());
        assertArrayEquals(new float[] {40, 41}, s.example(2));
        assertEquals(five.classNames(), s.classNames());
        assertEquals(0, five.subset(new int[0]).size());
        assertRejected("order[0] is -1, not an example index of five (0 to 4)", () -> five.subset(new int[] {-1}));
    }

    @Test
    void splitIsStratifiedAndNamed() {
        Dataset.Split split = five.split(0.4, 7);
        assertEquals("five[training part]", split.training().name());
        assertEquals("five[validation part]", split.validation().name());
        assertEquals(2, split.validation().size()); // round(0.4 * 5); classes a, b have 2: 0.8 each, c 0.4
        assertArrayEquals(new int[] {1, 1, 0}, split.validation().classCounts());
    }

    @Test
    void splitRejectsFractionsThatLeaveAPartEmpty() {
        assertRejected("validationFraction must be > 0 and < 1, was 1.0", () -> five.split(1.0, 1));
        assertRejected("validationFraction must be > 0 and < 1, was NaN", () -> five.split(Double.NaN, 1));
        assertRejected("validationFraction 0.05 of the 5 examples of five leaves no validation example",
                () -> five.split(0.05, 1));
        assertRejected("validationFraction 0.95 of the 5 examples of five leaves no training example",
                () -> five.split(0.95, 1));
    }
}
