package dev.lanes.kernels.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads the multi-threaded kernels share: {@code threads - 1} daemon workers, the calling thread being
 * the last. A call takes only workers that are idle at that moment, so several threads calling kernels at once
 * never start more than {@code threads - 1} extra threads in total: the pool cannot oversubscribe the machine.
 * When no worker is idle the call runs on the caller alone, which is still correct.
 *
 * <p>Steady state allocates nothing: workers are long-lived, and each calling thread reuses its own join
 * record.
 */
public final class WorkerPool {

    /** Work split into parts; part 0 runs on the calling thread. Parts must be independent. */
    @FunctionalInterface
    public interface Job {
        /** Runs part {@code part} of {@code parts}. */
        void runPart(int part, int parts);
    }

    /** The system property that sets the thread count at start-up ({@code -Dlanes.threads=1}: one thread). */
    public static final String THREADS_PROPERTY = "lanes.threads";

    /** How long an idle worker spins before parking, so back-to-back kernels don't pay a wake-up. */
    private static final long SPIN_NANOS = 50_000;

    private static volatile WorkerPool current = new WorkerPool(threadsFromProperty());

    private static final ThreadLocal<Join> JOINS = ThreadLocal.withInitial(Join::new);

    private final int threads;
    private final Worker[] idle;
    private int idleCount;
    private volatile boolean shutdown;

    private WorkerPool(int threads) {
        this.threads = threads;
        this.idle = new Worker[threads - 1];
        for (int i = 0; i < idle.length; i++) {
            Worker w = new Worker(this, "lanes-worker-" + (i + 1));
            idle[idleCount++] = w;
            w.start();
        }
    }

    /** The pool in use. */
    public static WorkerPool get() {
        return current;
    }

    /** Replaces the pool with one of {@code threads} threads (caller included); running calls finish first. */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        WorkerPool old = current;
        if (old.threads == threads) {
            return;
        }
        current = new WorkerPool(threads);
        old.shutdown();
    }

    /** Threads a call may use, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code job} in up to {@code wantedParts} parts: part 0 here, the others on workers idle right now.
     * Returns when all parts have finished; rethrows the first failure of any part.
     */
    public void run(Job job, int wantedParts) {
        Join join = JOINS.get();
        int extra = reserve(join.helpers, Math.min(wantedParts, threads) - 1);
        int parts = extra + 1;
        if (parts == 1) {
            job.runPart(0, 1);
            return;
        }
        join.begin(extra);
        for (int i = 0; i < extra; i++) {
            Worker w = join.helpers[i];
            join.helpers[i] = null;
            w.assign(job, i + 1, parts, join);
        }
        Throwable own = null;
        try {
            job.runPart(0, parts);
        } catch (Throwable t) {
            own = t;
        }
        join.await();
        Throwable failure = own != null ? own : join.failure;
        join.failure = null;
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private synchronized int reserve(Worker[] into, int wanted) {
        int n = Math.min(Math.min(Math.max(wanted, 0), idleCount), into.length);
        for (int i = 0; i < n; i++) {
            into[i] = idle[--idleCount];
            idle[idleCount] = null;
        }
        return n;
    }

    private synchronized void release(Worker w) {
        idle[idleCount++] = w;
    }

    private void shutdown() {
        shutdown = true;
        Worker[] all;
        synchronized (this) {
            all = idle.clone();
        }
        for (Worker w : all) {
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    private static int threadsFromProperty() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(
                "-D" + THREADS_PROPERTY + " must be a positive integer, was '" + value + "'");
    }

    /** One caller's record of the parts it handed out; reused for every call from that thread. */
    private static final class Join {
        final Worker[] helpers = new Worker[Runtime.getRuntime().availableProcessors() + 64];
        final AtomicInteger pending = new AtomicInteger();
        volatile Thread waiter;
        volatile Throwable failure;

        void begin(int parts) {
            waiter = Thread.currentThread();
            pending.set(parts);
        }

        void arrive(Throwable t) {
            if (t != null && failure == null) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(waiter);
            }
        }

        void await() {
            for (int spin = 0; pending.get() != 0 && spin < 20_000; spin++) {
                Thread.onSpinWait();
            }
            while (pending.get() != 0) {
                LockSupport.park(this);
            }
        }
    }

    private static final class Worker extends Thread {
        private final WorkerPool pool;
        private volatile Job job;
        private int part;
        private int parts;
        private Join join;

        Worker(WorkerPool pool, String name) {
            super(name);
            this.pool = pool;
            setDaemon(true);
        }

        void assign(Job job, int part, int parts, Join join) {
            this.part = part;
            this.parts = parts;
            this.join = join;
            this.job = job;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = awaitJob();
                if (j == null) {
                    return;
                }
                Throwable failure = null;
                try {
                    j.runPart(part, parts);
                } catch (Throwable t) {
                    failure = t;
                }
                Join done = join;
                join = null;
                job = null;
                pool.release(this);
                done.arrive(failure);
            }
        }

        private Job awaitJob() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Job j;
            while ((j = job) == null) {
                if (pool.shutdown) {
                    return null;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            return j;
        }
    }
}
