package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static dev.lanes.kernels.internal.TestThreads.daemon;
import static dev.lanes.kernels.internal.TestThreads.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#setThreads} switching every millisecond while several threads run parallel GEMMs: no caller
 * may hang (each round has a deadline) and every result must be bit-identical to a single-threaded run, since
 * the split never changes the order in which an element of C is summed. On the pool this replaced, a caller that
 * fetched the pool just before a switch could reserve a worker that had already left, and waited forever.
 * {@code -Dstress.millis=N} runs longer by hand.
 */
class ThreadSwitchStressTest {

    private static final int CALLERS = 3;
    private static final long RUN_MILLIS = Long.getLong("stress.millis", 1_500);
    /** Far above one GEMM (under a millisecond): a caller this long without a result is stuck. */
    private static final long STALL_MILLIS = 5_000;

    private final int initialThreads = Kernels.threads();

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(initialThreads);
    }

    @Test
    void switchingThreadCountsUnderLoadNeverHangsAndNeverChangesAResult() throws InterruptedException {
        assumeTrue(Kernels.simdEnabled(), "the worker pool serves the SIMD GEMM only");
        Random random = new Random(7);
        List<GemmCase> cases = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        Kernels.setThreads(1);
        for (int i = 0; i < 4; i++) {
            // Each above the parallel threshold (160^3) so every call goes through the pool.
            GemmCase g = GemmCase.random(random, i % 2 == 1, i >= 2, 162 + 5 * i, 170 - 3 * i, 164, 1f,
                    i % 2 == 0 ? 0f : 0.5f, i, 1);
            cases.add(g);
            expected.add(g.runLanes());
        }

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        long[] lastProgress = new long[CALLERS];
        Arrays.fill(lastProgress, System.nanoTime());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            int caller = t;
            threads.add(daemon("gemm-caller-" + t, () -> {
                for (int round = caller; !stop.get(); round++) {
                    int i = round % cases.size();
                    float[] actual = cases.get(i).runLanes();
                    if (!Arrays.equals(expected.get(i), actual)) {
                        throw new AssertionError("result differs from the single-threaded run: " + cases.get(i));
                    }
                    calls.incrementAndGet();
                    lastProgress[caller] = System.nanoTime(); // read racily by the watchdog: good enough
                }
            }, failure));
        }
        AtomicInteger switches = new AtomicInteger();
        threads.add(daemon("thread-switcher", () -> {
            int[] counts = {2, 4, 1, 3, 2, 8};
            for (int s = 0; !stop.get(); s++) {
                Kernels.setThreads(counts[s % counts.length]);
                switches.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }, failure));

        threads.forEach(Thread::start);
        long start = System.nanoTime();
        try {
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS) && failure.get() == null) {
                Thread.sleep(20);
                for (int t = 0; t < CALLERS; t++) {
                    long stalled = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProgress[t]);
                    if (stalled > STALL_MILLIS) {
                        throw new AssertionError(threads.get(t).getName() + " has not finished a GEMM for "
                                + stalled + " ms (" + calls.get() + " GEMMs, " + switches.get() + " switches so far):\n"
                                + stack(threads.get(t)));
                    }
                }
            }
        } finally {
            stop.set(true);
        }
        for (Thread t : threads) {
            t.join(STALL_MILLIS);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " is stuck after the run ended (" + calls.get() + " GEMMs, "
                        + switches.get() + " switches):\n" + stack(t));
            }
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(calls.get() >= CALLERS && switches.get() >= 10,
                "the run must overlap calls and switches: " + calls.get() + " GEMMs, " + switches.get() + " switches");
    }
}
