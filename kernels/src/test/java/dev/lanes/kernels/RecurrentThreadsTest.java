package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Steps large enough for {@link Recurrent} to split their rows over the worker pool (each shape is estimated
 * above the split threshold, docs/recurrent.md), called from several threads at once with the pool at 2 and 3
 * threads: rows are independent, so every output must be bit-identical to a single-threaded run, and nothing
 * outside the output windows may change.
 */
class RecurrentThreadsTest {

    private static final int HIDDEN = 37;

    private final int initialThreads = Kernels.threads();

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(initialThreads);
    }

    /** One kernel call on fixed inputs; returns its outputs as they end up (offsets, padding and all). */
    private record Step(String name, Supplier<float[][]> run) {
    }

    @Test
    void splitStepsGiveTheSingleThreadedBits() throws Exception {
        List<Step> steps = steps(new Random(21));
        Kernels.setThreads(1);
        List<float[][]> expected = new ArrayList<>();
        for (Step s : steps) {
            expected.add(s.run().get());
        }
        for (int threads : new int[] {2, 3}) {
            Kernels.setThreads(threads);
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int caller = 0; caller < 3; caller++) {
                    int first = caller;
                    futures.add(callers.submit(() -> {
                        for (int round = 0; round < steps.size(); round++) {
                            int i = (first + round) % steps.size();
                            float[][] actual = steps.get(i).run().get();
                            for (int k = 0; k < actual.length; k++) {
                                assertArrayEquals(expected.get(i)[k], actual[k],
                                        steps.get(i).name() + " output " + k + ", threads=" + threads);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                callers.shutdown();
            }
        }
    }

    /**
     * Batch sizes at 1.25 times the split threshold of each kernel (16 µs at its measured ns per cell: RNN 0.26
     * and 0.1, LSTM 1.9 and 1.0, GRU 1.6 and 0.6).
     */
    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        int b = rows(0.26);
        float[] rnnPre = Inputs.uniform(random, b * HIDDEN + 3, -4, 4);
        steps.add(new Step("rnnForward", () -> {
            float[] h = new float[b * (HIDDEN + 1) + 2];
            Recurrent.rnnForward(Activation.TANH, b, HIDDEN, rnnPre, 3, HIDDEN, h, 2, HIDDEN + 1);
            return new float[][] {h};
        }));
        int b2 = rows(0.1);
        float[] rnnH = Inputs.uniform(random, b2 * HIDDEN, -1, 1);
        float[] rnnDh = Inputs.uniform(random, b2 * HIDDEN, -1, 1);
        steps.add(new Step("rnnBackward", () -> {
            float[] dPre = new float[b2 * HIDDEN + 1];
            Recurrent.rnnBackward(Activation.TANH, b2, HIDDEN, rnnH, 0, HIDDEN, rnnDh, 0, HIDDEN, dPre, 1, HIDDEN);
            return new float[][] {dPre};
        }));
        int b3 = rows(1.9);
        int four = 4 * HIDDEN;
        float[] lstmPre = Inputs.uniform(random, b3 * four, -4, 4);
        float[] lstmC = Inputs.uniform(random, b3 * HIDDEN, -2, 2);
        steps.add(new Step("lstmForward", () -> {
            float[] gates = new float[b3 * (four + 5)];
            float[] c = new float[b3 * HIDDEN];
            float[] h = new float[b3 * HIDDEN];
            Recurrent.lstmForward(b3, HIDDEN, lstmPre, 0, four, lstmC, 0, HIDDEN, gates, 5, four + 5, c, 0, HIDDEN,
                    h, 0, HIDDEN);
            return new float[][] {gates, c, h};
        }));
        int b4 = rows(1.0);
        float[] gates4 = Inputs.uniform(random, b4 * four, 0, 1);
        float[] states4 = Inputs.uniform(random, b4 * HIDDEN + 1, -2, 2);
        steps.add(new Step("lstmBackward", () -> {
            float[] dPre = new float[b4 * four];
            float[] dcPrev = new float[b4 * HIDDEN];
            Recurrent.lstmBackward(b4, HIDDEN, gates4, 0, four, states4, 0, HIDDEN, states4, 1, HIDDEN,
                    states4, 0, HIDDEN, states4, 0, HIDDEN, dPre, 0, four, dcPrev, 0, HIDDEN);
            return new float[][] {dPre, dcPrev};
        }));
        int b5 = rows(1.6);
        int three = 3 * HIDDEN;
        float[] x5 = Inputs.uniform(random, b5 * three, -4, 4);
        float[] h5 = Inputs.uniform(random, b5 * three, -4, 4);
        steps.add(new Step("gruForward", () -> {
            float[] gates = new float[b5 * four];
            float[] h = new float[b5 * HIDDEN];
            Recurrent.gruForward(b5, HIDDEN, x5, 0, three, h5, 0, three, h5, 0, three, gates, 0, four, h, 0, HIDDEN);
            return new float[][] {gates, h};
        }));
        int b6 = rows(0.6);
        float[] gates6 = Inputs.uniform(random, b6 * four, 0, 1);
        float[] states6 = Inputs.uniform(random, b6 * HIDDEN, -2, 2);
        steps.add(new Step("gruBackward", () -> {
            float[] dx = new float[b6 * three];
            float[] dHidden = new float[b6 * three];
            float[] dhPrev = new float[b6 * HIDDEN];
            Recurrent.gruBackward(b6, HIDDEN, gates6, 0, four, states6, 0, HIDDEN, states6, 0, HIDDEN, dx, 0, three,
                    dHidden, 0, three, dhPrev, 0, HIDDEN);
            return new float[][] {dx, dHidden, dhPrev};
        }));
        return steps;
    }

    private static int rows(double nanosPerCell) {
        return (int) Math.ceil(1.25 * 16_000 / (nanosPerCell * HIDDEN));
    }
}
