package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Splits of random labelled sets: a partition of the examples in their original order, of the requested size,
 * proportional per class within one example, and the same for the same seed.
 */
class SplitProperties {

    @Property(tries = 300)
    void splitIsAStratifiedReproduciblePartition(@ForAll @IntRange(min = 2, max = 300) int size,
                                                  @ForAll @IntRange(min = 1, max = 12) int classes,
                                                  @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(4) double fraction,
                                                  @ForAll long seed, @ForAll Random random) {
        long target = Math.round(fraction * size);
        Assume.that(target >= 1 && target < size);
        // Feature 0 of example i is i, so the parts reveal which examples they took.
        float[] x = new float[size];
        int[] y = new int[size];
        for (int i = 0; i < size; i++) {
            x[i] = i;
            y[i] = random.nextInt(classes);
        }
        Dataset d = Dataset.of("d", 1, 1, x, y, classes);
        Dataset.Split split = d.split(fraction, seed);
        Dataset train = split.training();
        Dataset validation = split.validation();

        assertEquals(target, validation.size());
        assertEquals(size, train.size() + validation.size());
        boolean[] seen = new boolean[size];
        for (Dataset part : new Dataset[] {train, validation}) {
            int previous = -1;
            for (int j = 0; j < part.size(); j++) {
                int i = (int) part.example(j)[0];
                assertTrue(i > previous, "original order kept");
                assertTrue(!seen[i], "example " + i + " in both parts");
                seen[i] = true;
                assertEquals(y[i], part.label(j));
                previous = i;
            }
        }
        int[] all = d.classCounts();
        int[] held = validation.classCounts();
        for (int c = 0; c < classes; c++) {
            // Largest-remainder apportionment: each class gets floor or ceil of its exact share.
            double share = fraction * all[c];
            assertTrue(held[c] >= Math.floor(share) - 1e-9 && held[c] <= Math.ceil(share) + 1e-9,
                    "class " + c + ": " + held[c] + " of " + all[c] + " at fraction " + fraction);
        }
        Dataset.Split again = d.split(fraction, seed);
        assertArrayEquals(example0s(validation), example0s(again.validation()));
    }

    private static float[] example0s(Dataset d) {
        float[] out = new float[d.size()];
        d.copyBatch(0, d.size(), out, 0, null, 0);
        return out;
    }
}
