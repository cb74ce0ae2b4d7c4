package dev.lanes.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for the tests, independently of the reader. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** A header: the 4 magic bytes then each size as a big-endian int. */
    static byte[] header(int magic, int... sizes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length); // big-endian by default, as IDX
        b.putInt(magic);
        for (int size : sizes) {
            b.putInt(size);
        }
        return b.array();
    }

    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return concat(header(0x00000803, count, rows, cols), pixels);
    }

    static byte[] labels(byte[] labels) {
        return concat(header(0x00000801, labels.length), labels);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
