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

    /**
     * An error described by {@code message}.
     *
     * @param message     what was being loaded, how big, and the heap limit
     * @param bytesNeeded the bytes the refused allocation needed
     */
    public InsufficientHeapException(String message, long bytesNeeded) {
        super(message);
        this.bytesNeeded = bytesNeeded;
    }

    /**
     * The bytes of heap the refused allocation needed.
     *
     * @return the bytes needed, {@code > 0}
     */
    public long bytesNeeded() {
        return bytesNeeded;
    }
}
