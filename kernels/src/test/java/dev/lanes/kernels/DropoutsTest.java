package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What dropout does: keep rate, inverted scaling, masks that differ between steps and seeds, the edge rates. */
class DropoutsTest {

    private static final int N = 200_000;

    private static float[] ones() {
        float[] x = new float[N];
        Arrays.fill(x, 1f);
        return x;
    }

    @Test
    void keepsOneMinusRateScaledByItsInverse() {
        for (float rate : new float[] {0.1f, 0.3f, 0.5f, 0.8f}) {
            float[] y = new float[N];
            Dropouts.forward(N, rate, 42, 7, 0, ones(), 0, y, 0);
            float scale = (float) (1 / (1 - (double) rate));
            int kept = 0;
            for (int i = 0; i < N; i++) {
                assertTrue(y[i] == 0f || y[i] == scale, "element " + i + " = " + y[i]);
                assertEquals(y[i] != 0f, Dropouts.kept(rate, 42, 7, i), "element " + i);
                kept += y[i] != 0f ? 1 : 0;
            }
            // binomial: five standard deviations
            double sigma = Math.sqrt(rate * (1 - rate) / N);
            assertEquals(1 - rate, kept / (double) N, 5 * sigma, "kept fraction at rate " + rate);
        }
    }

    @Test
    void stepsAndSeedsGiveIndependentMasks() {
        float rate = 0.5f;
        float[] a = new float[N];
        float[] b = new float[N];
        float[] c = new float[N];
        Dropouts.forward(N, rate, 1, 0, 0, ones(), 0, a, 0);
        Dropouts.forward(N, rate, 1, 1, 0, ones(), 0, b, 0);
        Dropouts.forward(N, rate, 2, 0, 0, ones(), 0, c, 0);
        int sameStep = 0;
        int sameSeed = 0;
        int neighbours = 0;
        for (int i = 0; i < N; i++) {
            sameStep += (a[i] != 0) == (b[i] != 0) ? 1 : 0;
            sameSeed += (a[i] != 0) == (c[i] != 0) ? 1 : 0;
            neighbours += i > 0 && (a[i] != 0) == (a[i - 1] != 0) ? 1 : 0;
        }
        double sigma = Math.sqrt(0.25 / N);
        assertEquals(0.5, sameStep / (double) N, 5 * sigma, "agreement of two steps");
        assertEquals(0.5, sameSeed / (double) N, 5 * sigma, "agreement of two seeds");
        assertEquals(0.5, neighbours / (double) (N - 1), 5 * sigma, "agreement of neighbouring elements");
    }

    @Test
    void edgeRatesAndInference() {
        float[] x = {1, -2, Float.NaN, Float.POSITIVE_INFINITY, -0f};
        float[] y = new float[5];
        Dropouts.forward(5, 0f, 3, 3, 0, x, 0, y, 0);
        assertArrayEquals(x, y, "rate 0 is the identity");
        Dropouts.forward(5, 1f, 3, 3, 0, x, 0, y, 0);
        assertArrayEquals(new float[] {0, -0f, Float.NaN, Float.NaN, -0f}, y, "rate 1 multiplies by 0");
    }
}
