package dev.lanes.nn;

import java.lang.reflect.Method;

/**
 * Bytes of heap the current thread has allocated so far (HotSpot's per-thread counter), for the tests that bound
 * allocation. Reached by reflection: the tests run inside module dev.lanes.nn, which does not read
 * jdk.management, and reflection needs no read edge.
 */
public final class Allocation {

    private static final Object THREADS;
    private static final Method ALLOCATED;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocation() {
    }

    /** Bytes this thread has allocated since it started. */
    public static long current() {
        try {
            return (long) ALLOCATED.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
