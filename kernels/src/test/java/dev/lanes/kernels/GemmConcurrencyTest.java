package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * sgemm called from several threads at once, with the worker pool at several sizes. Every element of C is
 * computed by one thread in the same order whatever the split, so results must be bit-identical to a
 * single-threaded run.
 */
class GemmConcurrencyTest {

    private final int initialThreads = Kernels.threads();

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(initialThreads);
    }

    @Test
    void concurrentCallersGetExactlyTheSingleThreadedResult() throws Exception {
        Random random = new Random(42);
        int problems = 6;
        List<GemmCase> cases = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        Kernels.setThreads(1);
        for (int i = 0; i < problems; i++) {
            // Large enough to be split across workers; varied so a mixed-up buffer would show.
            GemmCase g = GemmCase.random(random, i % 2 == 0, i % 3 == 0, 200 + 17 * i, 300 - 11 * i, 250, 1f,
                    i % 2 == 0 ? 0f : 0.5f, i, 1);
            cases.add(g);
            expected.add(g.runLanes());
        }
        for (int threads : new int[] {2, 3, 8}) {
            Kernels.setThreads(threads);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int caller = 0; caller < 4; caller++) {
                    int first = caller;
                    futures.add(callers.submit(() -> {
                        for (int round = 0; round < 5; round++) {
                            int i = (first + round) % problems;
                            assertArrayEquals(expected.get(i), cases.get(i).runLanes(),
                                    "threads=" + threads + ", " + cases.get(i));
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

    @Test
    void threadCountMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.setThreads(0));
        assertEquals("threads must be >= 1, was 0", e.getMessage());
        Kernels.setThreads(3);
        assertEquals(3, Kernels.threads());
    }

    @Test
    void threadCountAboveTheLimitIsRejectedBeforeAnyThreadStarts() {
        int max = Kernels.maxThreads();
        assertTrue(max >= 1024 && max >= Runtime.getRuntime().availableProcessors(), "max " + max);
        for (int threads : new int[] {max + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Kernels.setThreads(threads));
            assertEquals("threads must be at most " + max + " (1024, or the available processors if more: threads"
                    + " beyond the hardware's only take turns), was " + threads, e.getMessage());
        }
        Kernels.setThreads(2);
        assertEquals(2, Kernels.threads());
    }
}
