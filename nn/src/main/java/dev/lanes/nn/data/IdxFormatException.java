package dev.lanes.nn.data;

import java.io.IOException;

/**
 * An IDX file that cannot be read as the expected image or label set. The message names the file, the byte
 * offset of the problem (counted in the decompressed stream for gzip files) and what was expected versus
 * found; {@link #source()} and {@link #offset()} give the first two to programs.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file or resource name. */
    private final String source;
    /** The byte offset of the problem. */
    private final long offset;

    IdxFormatException(String source, long offset, String message) {
        super(message);
        this.source = source;
        this.offset = offset;
    }

    IdxFormatException(String source, long offset, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.offset = offset;
    }

    /**
     * The file (or bundled resource) the problem is in, as it appears at the start of the message.
     *
     * @return the file or resource name
     */
    public String source() {
        return source;
    }

    /**
     * The byte offset of the problem: in the file for raw IDX files, in the decompressed stream for gzip files.
     *
     * @return the byte offset, {@code >= 0}
     */
    public long offset() {
        return offset;
    }
}
