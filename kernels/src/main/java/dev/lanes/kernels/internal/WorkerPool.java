package dev.lanes.kernels.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads the multi-threaded kernels share: {@code threads - 1} daemon workers, the calling thread being
 * the last. A call takes only workers that are idle at that moment, so several threads calling kernels at once
 * never start more than {@code threads - 1} extra threads in total: the pool cannot oversubscribe the machine.
 * When no worker is idle the call runs on the caller alone, which is still correct.
 *
 * <p>Replacing the pool ({@link #setThreads}) closes the old one without waiting for it. A worker is always in
 * exactly one of three hands, and every hand-over happens under the pool's lock: on the idle list, reserved by
 * a caller (who always hands it a part), or running a part (after which it rejoins the idle list or, if the
 * pool has closed, ends). Closing empties the idle list and tells exactly those workers to end; a caller that
 * still holds the old pool then finds no idle worker and runs alone. So a reservation can never name a worker
 * that has left, and calls running on the old pool finish with their workers.
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

    /**
     * The most threads a pool may have: 1024, or the number of available processors if that is larger. A
     * kernel part never waits for I/O, so threads beyond the hardware's only take turns on it; the bound costs
     * no speed on any machine and turns a typo (or {@code Integer.MAX_VALUE}) into a clear error instead of
     * thousands of threads or an out-of-memory error.
     */
    public static final int MAX_THREADS = Math.max(1024, Runtime.getRuntime().availableProcessors());

    /** How long an idle worker spins before parking, so back-to-back kernels don't pay a wake-up. */
    private static final long SPIN_NANOS = 50_000;

    /** Handed to an idle worker of a closed pool instead of a part: it ends. */
    private static final Job END = (part, parts) -> {
    };

    /** The pool in use; null until first use or {@link #setThreads}. */
    private static volatile WorkerPool current;

    private static final ThreadLocal<Join> JOINS = ThreadLocal.withInitial(Join::new);

    private final int threads;
    /** Guarded by this, as are idleCount and closed. */
    private final Worker[] idle;
    private int idleCount;
    private boolean closed;

    private WorkerPool(int threads) {
        this.threads = threads;
        this.idle = new Worker[threads - 1];
        try {
            for (int i = 0; i < idle.length; i++) {
                Worker w = new Worker(this, "lanes-worker-" + (i + 1));
                w.start();
                synchronized (this) {
                    idle[idleCount++] = w;
                }
            }
        } catch (Throwable t) {
            close(); // the workers already started end instead of waiting forever
            throw t;
        }
    }

    /**
     * The pool in use, started on first use with {@code -Dlanes.threads} or else the available processors.
     *
     * @throws IllegalArgumentException if {@code -Dlanes.threads} is not an integer from 1 to
     *                                  {@link #MAX_THREADS} (and {@link #setThreads} was not called)
     */
    public static WorkerPool get() {
        WorkerPool pool = current;
        return pool != null ? pool : startFromProperty();
    }

    private static synchronized WorkerPool startFromProperty() {
        if (current == null) {
            current = new WorkerPool(threadsFrom(System.getProperty(THREADS_PROPERTY)));
        }
        return current;
    }

    /**
     * Replaces the pool with one of {@code threads} threads (caller included). Safe while other threads run
     * kernels: calls that already hold workers of the old pool finish with them; a call that fetched the old
     * pool but had not yet taken workers runs on its caller alone.
     *
     * @throws IllegalArgumentException if {@code threads} is not from 1 to {@link #MAX_THREADS}
     */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be at most " + MAX_THREADS + " (1024, or the"
                    + " available processors if more: threads beyond the hardware's only take turns), was "
                    + threads);
        }
        WorkerPool old = current;
        if (old != null && old.threads == threads) {
            return;
        }
        current = new WorkerPool(threads);
        if (old != null) {
            old.close();
        }
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
        Worker[] helpers = join.helpers(threads - 1);
        int extra = reserve(helpers, Math.min(wantedParts, threads) - 1);
        int parts = extra + 1;
        if (parts == 1) {
            job.runPart(0, 1);
            return;
        }
        // From here on every reserved worker gets its part: nothing between reserve and assign can fail.
        join.begin(extra);
        for (int i = 0; i < extra; i++) {
            Worker w = helpers[i];
            helpers[i] = null;
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

    /** Takes up to {@code wanted} idle workers off the list; none once the pool has closed. */
    private synchronized int reserve(Worker[] into, int wanted) {
        if (closed) {
            return 0;
        }
        int n = Math.min(Math.max(wanted, 0), idleCount);
        for (int i = 0; i < n; i++) {
            into[i] = idle[--idleCount];
            idle[idleCount] = null;
        }
        return n;
    }

    /** Puts a worker that finished its part back on the idle list; false if the pool closed: it must end. */
    private synchronized boolean release(Worker w) {
        if (closed) {
            return false;
        }
        idle[idleCount++] = w;
        return true;
    }

    /** Ends the idle workers now and the busy ones when their part is done; reservations get none. */
    private void close() {
        Worker[] leaving;
        synchronized (this) {
            closed = true;
            leaving = Arrays.copyOf(idle, idleCount);
            Arrays.fill(idle, null);
            idleCount = 0;
        }
        for (Worker w : leaving) {
            w.end();
        }
    }

    /** The thread count {@code -Dlanes.threads=value} asks for; null or blank: the available processors. */
    static int threadsFrom(String value) {
        if (value == null || value.isBlank()) {
            return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be an integer from 1 to " + MAX_THREADS
                + " (the kernel threads, the caller included), was '" + value + "'");
    }

    /** One caller's record of the parts it handed out; reused for every call from that thread. */
    private static final class Join {
        private Worker[] helpers = new Worker[0];
        final AtomicInteger pending = new AtomicInteger();
        volatile Thread waiter;
        volatile Throwable failure;

        /** Room for {@code n} reserved workers; grows only when a larger pool appears. */
        Worker[] helpers(int n) {
            if (helpers.length < n) {
                helpers = new Worker[n];
            }
            return helpers;
        }

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
        /** The next part to run, {@link #END} to end, null while idle; set only by its reserver or by close. */
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

        void end() {
            job = END;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = awaitJob();
                if (j == END) {
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
                job = null; // before release: once listed, a reserver may assign the next part at once
                boolean stays = pool.release(this);
                done.arrive(failure);
                if (!stays) {
                    return;
                }
            }
        }

        private Job awaitJob() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Job j;
            while ((j = job) == null) {
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
