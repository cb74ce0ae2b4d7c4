package dev.lanes.nn.io;

import java.io.IOException;

/**
 * A file is valid as far as it was read, but what it holds needs more Java heap than this JVM can give. Thrown
 * before the arrays are filled, instead of an {@link OutOfMemoryError}; the message names the file, what it
 * declares, the bytes needed and the heap limit, and suggests a {@code -Xmx}.
 */
public final class InsufficientHeapException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The bytes the refused allocation would have needed. */
    private final long bytesNeeded;

    /** The heap option the message suggests, e.g. "-Xmx192m"; null when it suggests none. */
    private final String suggestedXmx;

    /**
     * An error described by {@code message}.
     *
     * @param message     what was being loaded, how big, and the heap limit
     * @param bytesNeeded the bytes the refused allocation needed
     */
    public InsufficientHeapException(String message, long bytesNeeded) {
        this(message, bytesNeeded, null);
    }

    /**
     * An error described by {@code message}, which suggests the heap option {@code suggestedXmx}.
     *
     * @param message      what was being loaded, how big, the heap limit and the suggested option
     * @param bytesNeeded  the bytes the refused allocation needed
     * @param suggestedXmx the {@code -Xmx} option the message suggests, or null
     */
    public InsufficientHeapException(String message, long bytesNeeded, String suggestedXmx) {
        super(message);
        this.bytesNeeded = bytesNeeded;
        this.suggestedXmx = suggestedXmx;
    }

    /**
     * The bytes of heap the refused allocation needed.
     *
     * @return the bytes needed, {@code > 0}
     */
    public long bytesNeeded() {
        return bytesNeeded;
    }

    /**
     * The heap option the message suggests, so that a caller repeating the advice gives the same value.
     *
     * @return the {@code -Xmx} option, e.g. "-Xmx192m", or null when the message suggests none
     */
    public String suggestedXmx() {
        return suggestedXmx;
    }
}
