package dev.lanes.kernels.internal;

import java.util.concurrent.atomic.AtomicReference;

/** Threads for the concurrency tests: daemons (a stuck one cannot keep the JVM alive) and their stacks. */
public final class TestThreads {

    private TestThreads() {
    }

    /** A daemon running {@code body}; its first failure goes to {@code failure}. */
    public static Thread daemon(String name, Runnable body, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** The stack of {@code t}, one "at" line per frame, for the message of a stuck-thread failure. */
    public static String stack(Thread t) {
        StringBuilder s = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            s.append("    at ").append(e).append('\n');
        }
        return s.toString();
    }
}
