package dev.lanes.nn.io;

import java.io.IOException;

/** A model file that is not a lanes model, is of another version, is truncated, corrupt or inconsistent. */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * An error described by {@code message}, which names the file and, where it applies, the byte offset.
     *
     * @param message what is wrong, naming the file and where
     */
    public ModelFormatException(String message) {
        super(message);
    }
}
