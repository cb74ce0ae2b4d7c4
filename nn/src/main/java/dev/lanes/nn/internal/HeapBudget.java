package dev.lanes.nn.internal;

import dev.lanes.nn.io.InsufficientHeapException;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Allocations sized by a file, made only when the heap can hold them. A request above the JVM's maximum heap
 * is refused before anything is allocated; one that fits the maximum but not the memory free at that moment
 * (the JVM collects garbage before giving up) is refused when the allocation itself fails. Either way the
 * caller gets an {@link InsufficientHeapException} that says what, how big and which {@code -Xmx} would do,
 * and nothing is left half-built: a failed array allocation has no side effects.
 */
public final class HeapBudget {

    private HeapBudget() {
    }

    /**
     * A zeroed {@code float[count]}.
     *
     * @param count the number of floats, at most the largest Java array
     * @param what  what the floats hold, for the message, e.g. "images.gz: the pixels of 60,000 images of 28x28"
     * @return the array
     * @throws InsufficientHeapException if the heap cannot hold it
     */
    public static float[] floats(int count, String what) throws InsufficientHeapException {
        return allocate(count, what, "floats", float[]::new);
    }

    /**
     * A zeroed {@code int[count]}.
     *
     * @param count the number of ints, at most the largest Java array
     * @param what  what the ints hold, for the message
     * @return the array
     * @throws InsufficientHeapException if the heap cannot hold it
     */
    public static int[] ints(int count, String what) throws InsufficientHeapException {
        return allocate(count, what, "ints", int[]::new);
    }

    /** An array of {@code count} 4-byte elements, refused above the maximum heap or when the heap is full. */
    private static <T> T allocate(int count, String what, String kind, IntFunction<T> array)
            throws InsufficientHeapException {
        long bytes = 4L * count;
        refuseAboveMaximum(bytes, what, kind);
        try {
            return array.apply(count);
        } catch (OutOfMemoryError e) {
            throw exhausted(bytes, what, kind);
        }
    }

    /** {@return the JVM's maximum heap in bytes ({@code -Xmx}), or {@code Long.MAX_VALUE} if it has none} */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * {@return a {@code -Xmx} value comfortably above {@code bytes} more than the heap in use now, e.g. "-Xmx12g"}
     *
     * @param bytes a number of bytes, {@code >= 0}
     */
    public static String suggestedXmx(long bytes) {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        double gib = (bytes + used) * 1.25 / (1L << 30);
        return gib < 1 ? "-Xmx" + Math.max(64, (long) Math.ceil(gib * 1024 / 64) * 64) + "m"
                : "-Xmx" + (long) Math.ceil(gib) + "g";
    }

    /**
     * {@return bytes as a person reads them: "812 bytes", "3.1 MiB", "8.4 GiB"}
     *
     * @param bytes a number of bytes, {@code >= 0}
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    private static void refuseAboveMaximum(long bytes, String what, String kind) throws InsufficientHeapException {
        long max = maxHeap();
        if (max != Long.MAX_VALUE && bytes > max) {
            String xmx = suggestedXmx(bytes);
            throw new InsufficientHeapException(what + " need " + bytes(bytes) + " of heap (" + String.format(
                    Locale.ROOT, "%,d", bytes / 4) + " " + kind + "), more than this JVM's maximum heap of "
                    + bytes(max) + ": run java with " + xmx + " or more", bytes, xmx);
        }
    }

    private static InsufficientHeapException exhausted(long bytes, String what, String kind) {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        String xmx = suggestedXmx(bytes);
        return new InsufficientHeapException(what + " need " + bytes(bytes) + " of heap (" + String.format(
                Locale.ROOT, "%,d", bytes / 4) + " " + kind + "), but only about " + bytes(Math.max(0,
                maxHeap() - used)) + " of this JVM's " + bytes(maxHeap()) + " heap is free: run java with "
                + xmx + " or more", bytes, xmx);
    }
}
