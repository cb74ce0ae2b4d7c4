package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data sets with real targets, and the adding problem built on them. */
class RegressionDatasetTest {

    /** 4 examples of 2 steps x 1 feature: example i has features (i, -i) and targets (i / 2, 2 i). */
    private final Dataset four = Dataset.regression("four", 2, 1, new float[] {0, 0, 1, -1, 2, -2, 3, -3},
            new float[] {0, 0, 0.5f, 2, 1, 4, 1.5f, 6}, 2, 0.1f, true);

    @Test
    void copiesTargetsAlongsideTheExamples() {
        assertTrue(four.isRegression());
        assertEquals(4, four.size());
        assertEquals(2, four.targetSize());
        assertEquals(0.1f, four.tolerance());
        assertEquals(0, four.classes());
        assertEquals(List.of(), four.classNames());
        assertEquals(Shape.sequence(2, 1), four.shape());
        assertArrayEquals(new float[] {1, 4}, four.target(2));
        float[] x = new float[5];
        float[] y = new float[5];
        four.copyBatch(new int[] {3, 1}, 0, 2, x, 1, null, 0);
        four.copyTargets(new int[] {3, 1}, 0, 2, y, 1);
        assertArrayEquals(new float[] {0, 3, -3, 1, -1}, x);
        assertArrayEquals(new float[] {0, 1.5f, 6, 0.5f, 2}, y);
        four.copyTargets(2, 2, y, 0);
        assertArrayEquals(new float[] {1, 4, 1.5f, 6, 2}, y);
        assertEquals("four: 4 examples of 2x1, 2 targets", four.toString());
        // Images are not sequences by nature, but read as one with the same floats.
        Dataset image = Dataset.of("img", 3, 4, new float[12], new int[1], 2);
        assertFalse(image.isRegression());
        assertEquals(Shape.image(1, 3, 4), image.shape());
        assertEquals(Shape.sequence(3, 4), image.sequenceShape());
        assertEquals(0, image.targetSize());
    }

    @Test
    void labelsAndTargetsAreEachOnlyWhereTheyExist() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> four.label(0));
        assertEquals("four is a regression set: its examples have real targets, not labels", e.getMessage());
        assertThrows(IllegalStateException.class, () -> four.copyBatch(0, 1, new float[2], 0, new int[1], 0));
        Dataset image = Dataset.of("img", 1, 1, new float[1], new int[1], 2);
        e = assertThrows(IllegalStateException.class, () -> image.copyTargets(0, 1, new float[1], 0));
        assertEquals("img is a classification set: its examples have labels, not real targets", e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> four.copyTargets(new int[] {0, 4}, 0, 2, new float[4], 0));
        assertEquals("order[1] is 4, not an example index of four (0 to 3)", a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> four.copyTargets(1, 2, new float[4], 1));
        assertEquals("y is too short for 2 examples of 2 targets at yOffset=1: needs 5 floats, has 4", a.getMessage());
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression("r", 2, 1, new float[4], new float[] {1, Float.NaN}, 1, 0f, false));
        assertEquals("r: targets[1] (example 1) is NaN, must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression("r", 2, 1, new float[5], new float[2], 1, 0f, false));
        assertEquals("r: features must hold 2 examples of 2x1 = 4 floats, has 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression("r", 2, 1, new float[4], new float[3], 2, 0f, false));
        assertEquals("r: targets holds 3 floats, not a multiple of targetSize 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression("r", 2, 1, new float[4], new float[2], 1, -1f, false));
        assertEquals("r: tolerance must be finite and >= 0, was -1.0", e.getMessage());
    }

    @Test
    void splitAndSubsetKeepTheTargets() {
        Dataset.Split split = four.split(0.5, 3);
        assertEquals(2, split.training().size());
        assertEquals(2, split.validation().size());
        float[] seen = new float[4];
        for (Dataset part : List.of(split.training(), split.validation())) {
            assertTrue(part.isRegression());
            for (int i = 0; i < part.size(); i++) {
                float[] x = part.example(i);
                assertArrayEquals(new float[] {x[0] / 2, 2 * x[0]}, part.target(i));
                seen[(int) x[0]]++;
            }
        }
        assertArrayEquals(new float[] {1, 1, 1, 1}, seen, "a partition");
        assertEquals(four.split(0.5, 3).validation().target(0)[0], split.validation().target(0)[0]);
        Dataset sub = four.subset(new int[] {2, 2});
        assertArrayEquals(new float[] {1, 4}, sub.target(1));
        assertEquals(0.1f, sub.tolerance());
    }

    @Test
    void theAddingProblemIsTwoMarkedValuesAndTheirSum() throws IOException {
        DataSets.TrainTest sets = DataSets.load("adding:50:300");
        assertEquals(300, sets.train().size());
        assertEquals(DataSets.ADDING_TEST, sets.test().size());
        assertEquals("adding:50/train", sets.train().name());
        Dataset train = sets.train();
        assertEquals(Shape.sequence(50, 2), train.shape());
        assertEquals(1, train.targetSize());
        assertEquals(0.04f, train.tolerance());
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < train.size(); i++) {
            float[] x = train.example(i);
            int[] marked = new int[2];
            int markers = 0;
            for (int t = 0; t < 50; t++) {
                assertTrue(x[2 * t] >= 0 && x[2 * t] < 1, "value " + x[2 * t]);
                if (x[2 * t + 1] == 1) {
                    marked[Math.min(markers++, 1)] = t;
                } else {
                    assertEquals(0, x[2 * t + 1]);
                }
            }
            assertEquals(2, markers, "example " + i);
            assertTrue(marked[0] < 25 && marked[1] >= 25, Arrays.toString(marked));
            float target = train.target(i)[0];
            assertEquals(x[2 * marked[0]] + x[2 * marked[1]], target);
            sum += target;
            squares += (target - 1.0) * (target - 1.0);
        }
        // The sum of two U(0, 1) has mean 1 and variance 1/6: predicting 1 gives an MSE of 1/6.
        assertEquals(1, sum / train.size(), 0.05);
        assertEquals(1 / 6.0, squares / train.size(), 0.03);
        // Fixed sequences: a second load is the same, the test set is another.
        assertArrayEquals(train.example(7), DataSets.load("adding:50:300").train().example(7));
        assertFalse(Arrays.equals(train.example(0), sets.test().example(0)));
        assertArrayEquals(DataSets.load("adding:50").train().example(3), train.example(3),
                "the first N sequences do not depend on N");
        assertEquals(DataSets.ADDING_TRAINING, DataSets.load("adding:50").train().size());
    }

    @Test
    void badAddingNamesSayWhatIsExpected() {
        for (String name : List.of("adding:1", "adding:x", "adding:10:0", "adding:", "adding:10:5:5",
                "adding:1000000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSets.load(name));
            assertTrue(e.getMessage().startsWith("'" + name + "': expected adding:T or adding:T:N, T the sequence"
                    + " length (2 to 100,000) and N the training sequences (1 to "), e.getMessage());
        }
    }
}
