package dev.lanes.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's promises, each checked directly: no stranded reservation, no oversubscription, no leaked thread. */
class WorkerPoolTest {

    private final int initialThreads = WorkerPool.get().threads();

    @AfterEach
    void restoreThreads() {
        WorkerPool.setThreads(initialThreads);
    }

    @Test
    void aCallerHoldingAReplacedPoolRunsAloneInsteadOfWaitingForWorkersThatLeft() throws InterruptedException {
        WorkerPool.setThreads(4);
        WorkerPool old = WorkerPool.get();
        WorkerPool.setThreads(3);
        Thread.sleep(100); // time for the old pool's idle workers to end
        AtomicInteger partsRun = new AtomicInteger();
        AtomicInteger splitInto = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = TestThreads.daemon("pool-test-caller", () -> old.run((part, parts) -> {
            partsRun.incrementAndGet();
            splitInto.set(parts);
        }, 4), failure);
        caller.start();
        caller.join(5_000);
        assertFalse(caller.isAlive(), () -> "a call on the replaced pool is stuck:\n" + TestThreads.stack(caller));
        assertEquals(null, failure.get());
        assertEquals(1, partsRun.get());
        assertEquals(1, splitInto.get());
    }

    @Test
    void concurrentCallersNeverRunMoreThanThreadsMinusOnePartsOnWorkers() throws InterruptedException {
        WorkerPool.setThreads(3);
        WorkerPool pool = WorkerPool.get();
        AtomicInteger onWorkers = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        WorkerPool.Job job = (part, parts) -> {
            boolean worker = Thread.currentThread().getName().startsWith("lanes-worker-");
            if (worker) {
                most.accumulateAndGet(onWorkers.incrementAndGet(), Math::max);
            }
            LockSupport.parkNanos(200_000);
            if (worker) {
                onWorkers.decrementAndGet();
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            callers.add(TestThreads.daemon("pool-test-caller", () -> {
                for (int i = 0; i < 50; i++) {
                    pool.run(job, 8);
                }
            }, failure));
        }
        callers.forEach(Thread::start);
        for (Thread t : callers) {
            t.join(10_000);
            assertFalse(t.isAlive(), () -> "stuck:\n" + TestThreads.stack(t));
        }
        assertEquals(null, failure.get());
        assertTrue(most.get() >= 1 && most.get() <= 2, "parts running at once on workers: " + most.get());
    }

    @Test
    void replacedPoolsEndAllTheirWorkers() throws InterruptedException {
        for (int threads : new int[] {5, 2, 7, 3}) {
            WorkerPool.setThreads(threads);
            WorkerPool.get().run((part, parts) -> LockSupport.parkNanos(100_000), threads);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (liveWorkers() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, liveWorkers(), "the workers of a 3-thread pool, none of the replaced ones");
    }

    @Test
    void theThreadsPropertyIsCheckedWithAClearMessage() {
        assertEquals(6, WorkerPool.threadsFrom(" 6 "));
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), WorkerPool.MAX_THREADS),
                WorkerPool.threadsFrom(null));
        for (String bad : new String[] {"0", "-3", "four", "2147483647", String.valueOf(WorkerPool.MAX_THREADS + 1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkerPool.threadsFrom(bad));
            assertEquals("-Dlanes.threads must be an integer from 1 to " + WorkerPool.MAX_THREADS
                    + " (the kernel threads, the caller included), was '" + bad + "'", e.getMessage());
        }
    }

    private static long liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lanes-worker-"))
                .count();
    }
}
