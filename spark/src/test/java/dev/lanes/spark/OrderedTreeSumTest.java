package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

class OrderedTreeSumTest {

    /** Values over many binades, so that the order of the sums shows in the bits. */
    private static List<float[]> partials(int count, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            float[] v = new float[length];
            for (int i = 0; i < length; i++) {
                v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-20, 20)));
            }
            out.add(v);
        }
        return out;
    }

    private static float[] add(float[] a, float[] b) {
        float[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    @Test
    void sumsGroupsOfFanInConsecutivePartitionsInIndexOrder() {
        List<float[]> v = partials(5, 257, 1);
        JavaRDD<float[]> rdd = TestSpark.context().parallelize(v, 5);
        // Depth 2 over 5 partitions: fan-in ceil(sqrt 5) = 3, so one shuffle level of groups {0,1,2} and {3,4}.
        assertEquals(3, OrderedTreeSum.fanIn(5, 2));
        float[] expected = add(add(add(v.get(0), v.get(1)), v.get(2)), add(v.get(3), v.get(4)));
        assertArrayEquals(expected, OrderedTreeSum.sum(rdd, 2));
        // Depth 1: everything to the driver, added in index order.
        float[] sequential = v.get(0);
        for (int p = 1; p < 5; p++) {
            sequential = add(sequential, v.get(p));
        }
        assertArrayEquals(sequential, OrderedTreeSum.sum(rdd, 1));
        // Two levels: 9 partitions at depth 3 have fan-in 3 (ceil 9^(1/3) = 3): groups of 3, then the 3 sums.
        List<float[]> w = partials(9, 33, 2);
        float[] a = add(add(w.get(0), w.get(1)), w.get(2));
        float[] b = add(add(w.get(3), w.get(4)), w.get(5));
        float[] c = add(add(w.get(6), w.get(7)), w.get(8));
        assertArrayEquals(add(add(a, b), c), OrderedTreeSum.sum(TestSpark.context().parallelize(w, 9), 3));
    }
}
