package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.internal.WorkerPool;
import dev.lanes.kernels.simd.GemmBlocking;

/**
 * What the kernels run on, and how many threads they may use.
 *
 * <p>The thread count starts at {@code -Dlanes.threads=N} when given, else at the number of available
 * processors; it counts the calling thread. Only problems large enough to gain from it are split.
 */
public final class Kernels {

    private Kernels() {
    }

    /** Whether the Vector API kernels are in use (false: the scalar references). */
    public static boolean simdEnabled() {
        return Simd.ENABLED;
    }

    /** The vector width in bits of the SIMD kernels, or 0 on the scalar path. */
    public static int vectorBits() {
        return Simd.VECTOR_BITS;
    }

    /** A one-line description of the kernel path, for logs and benchmark reports. */
    public static String describe() {
        return Simd.ENABLED
                ? "SIMD kernels, " + Simd.VECTOR_BITS + "-bit vectors, " + threads() + " thread(s); " + GemmBlocking.describe()
                : "scalar kernels (" + Simd.DISABLED_REASON + "), " + threads() + " thread(s)";
    }

    /** Threads a kernel call may use, the caller included. */
    public static int threads() {
        return WorkerPool.get().threads();
    }

    /**
     * Sets the threads a kernel call may use, the caller included; 1 makes every kernel single-threaded.
     * Calls already running finish with the old setting.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setThreads(int threads) {
        WorkerPool.setThreads(threads);
    }
}
