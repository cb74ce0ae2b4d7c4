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

    /**
     * A gzip bomb: {@code head} as one gzip member, then {@code megabytes} members of 1 MiB of zeros each
     * (about 1 KiB compressed), written to {@code file}: about {@code megabytes} KiB on disk that inflate to
     * {@code megabytes} MiB after the head. A multi-member gzip file is one stream to GZIPInputStream.
     */
    static void gzipBomb(java.nio.file.Path file, byte[] head, int megabytes) throws IOException {
        byte[] zeros = gzip(new byte[1 << 20]);
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
            out.write(gzip(head));
            for (int i = 0; i < megabytes; i++) {
                out.write(zeros);
            }
        }
    }

    /** A raw image file of all-zero pixels written without holding it in memory (sparse where it can be). */
    static java.nio.file.Path zeroImages(java.nio.file.Path file, int count, int rows, int cols) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.write(header(0x00000803, count, rows, cols));
            f.setLength(16 + (long) count * rows * cols);
        }
        return file;
    }
}
