package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.internal.WorkerPool;
import dev.lanes.kernels.simd.GemmBlocking;

/**
 * What the kernels run on, and how many threads they may use.
 *
 * <p>The thread count starts at {@code -Dlanes.threads=N} when given, else at the number of available
 * processors; it counts the calling thread and is at most {@link #maxThreads()}. Only problems large enough to
 * gain from it are split. An invalid {@code -Dlanes.threads} makes {@link #threads()} and every multi-threaded
 * kernel throw an {@link IllegalArgumentException} naming the property, until {@link #setThreads} is called.
 */
public final class Kernels {

    private Kernels() {
    }

    /** {@return whether the Vector API kernels are in use (false: the scalar references)} */
    public static boolean simdEnabled() {
        return Simd.ENABLED;
    }

    /** {@return the vector width in bits of the SIMD kernels, or 0 on the scalar path} */
    public static int vectorBits() {
        return Simd.VECTOR_BITS;
    }

    /** {@return a one-line description of the kernel path, for logs and benchmark reports} */
    public static String describe() {
        return Simd.ENABLED
                ? "SIMD kernels, " + Simd.VECTOR_BITS + "-bit vectors, " + threads() + " thread(s); " + GemmBlocking.describe()
                : "scalar kernels (" + Simd.DISABLED_REASON + "), " + threads() + " thread(s)";
    }

    /**
     * {@return threads a kernel call may use, the caller included}
     *
     * @throws IllegalArgumentException if {@code -Dlanes.threads} is invalid and {@link #setThreads} was not
     *                                  called
     */
    public static int threads() {
        return WorkerPool.get().threads();
    }

    /**
     * Sets the threads a kernel call may use, the caller included; 1 makes every kernel single-threaded.
     * Safe while other threads run kernels: calls already running finish with the old setting (a call that
     * had not yet taken its threads may run on its caller alone), and no result depends on the setting.
     *
     * @param threads threads a kernel call may use, the caller included, {@code >= 1}
     * @throws IllegalArgumentException if {@code threads < 1} or {@code threads > maxThreads()}
     */
    public static void setThreads(int threads) {
        WorkerPool.setThreads(threads);
    }

    /**
     * {@return the largest thread count {@link #setThreads} and {@code -Dlanes.threads} accept: 1024, or the
     * number of available processors if that is larger} Kernel threads never wait for I/O, so more threads than
     * the hardware runs at once only take turns; the bound turns a mistake into a clear error instead of
     * exhausting memory with threads.
     */
    public static int maxThreads() {
        return WorkerPool.MAX_THREADS;
    }
}
