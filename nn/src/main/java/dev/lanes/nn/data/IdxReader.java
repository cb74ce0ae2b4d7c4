package dev.lanes.nn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the two IDX kinds MNIST-style sets use: unsigned-byte image stacks (magic 0x00000803: count, rows,
 * columns) and unsigned-byte label vectors (magic 0x00000801). Gzip is detected by its magic bytes, not the
 * file name. Every defect is an {@link IdxFormatException} naming the source, the byte offset and what was
 * expected versus found; offsets in gzip files count decompressed bytes.
 */
final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** The largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int FIRST_CHUNK = 1 << 23;
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private IdxReader() {
    }

    /**
     * The pixels of an IDX image file, one unsigned byte each, image-major then row-major.
     *
     * @param count  number of images
     * @param rows   rows per image
     * @param cols   columns per image
     * @param pixels {@code count * rows * cols} bytes
     */
    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    static Images readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        }
    }

    static int[] readLabels(Path file, int classes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString(), classes);
        }
    }

    /** Reads an image file from {@code in} (raw or gzip), which the caller closes. */
    static Images readImages(InputStream in, String source) throws IOException {
        IdxStream s = IdxStream.open(in, source);
        int[] dims = s.header(IMAGES_MAGIC, "image", new String[] {"image count", "row count", "column count"});
        int count = dims[0];
        int rows = dims[1];
        int cols = dims[2];
        long pixels = (long) count * rows * cols;
        int header = 16;
        if (pixels > MAX_ARRAY) {
            throw s.error(4, "sizes at bytes 4 to 15 describe " + n(count) + " images of " + rows + "x" + cols
                    + " = " + n(pixels) + " pixels, more than one Java array holds (" + n(MAX_ARRAY) + ")");
        }
        String what = n(count) + " images of " + rows + "x" + cols;
        byte[] data = s.body(header, (int) pixels,
                what + ", " + n(header + pixels) + " bytes in all (" + header + "-byte header + " + n(pixels)
                        + " bytes of pixels)");
        s.expectEnd(what + " (" + n(header + pixels) + " bytes)");
        return new Images(count, rows, cols, data);
    }

    /**
     * Reads a label file from {@code in} (raw or gzip), which the caller closes, and checks every label is
     * below {@code classes}.
     */
    static int[] readLabels(InputStream in, String source, int classes) throws IOException {
        IdxStream s = IdxStream.open(in, source);
        int count = s.header(LABELS_MAGIC, "label", new String[] {"label count"})[0];
        int header = 8;
        if (count > MAX_ARRAY) {
            throw s.error(4, "label count " + s.at(4) + " is " + n(count) + ", more than one Java array holds ("
                    + n(MAX_ARRAY) + ")");
        }
        String what = n(count) + " labels";
        byte[] data = s.body(header, count, what + ", " + n(header + (long) count) + " bytes in all (" + header
                + "-byte header + " + n(count) + " label bytes)");
        s.expectEnd(what + " (" + n(header + (long) count) + " bytes)");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = data[i] & 0xFF;
            if (label >= classes) {
                throw s.error(header + i, "label " + label + " " + s.at(header + i) + " is out of range: expected 0 to "
                        + (classes - 1) + " (" + classes + " classes) for example " + n(i));
            }
            labels[i] = label;
        }
        return labels;
    }

    /** Unsigned bytes scaled to [0, 1] as {@code b / 255f} (correctly rounded). */
    static float[] unitFloats(byte[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = UNIT[bytes[i] & 0xFF];
        }
        return out;
    }

    /** A number with thousands separators, as every message writes them. */
    static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A byte stream that knows its decompressed position, for messages. */
    private static final class IdxStream {

        private final InputStream in;
        private final String source;
        private final boolean gzip;
        private long position;
        private boolean gzipCut;

        private IdxStream(InputStream in, String source, boolean gzip) {
            this.in = in;
            this.source = source;
            this.gzip = gzip;
        }

        static IdxStream open(InputStream raw, String source) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try {
                    return new IdxStream(new GZIPInputStream(buffered, 1 << 16), source, true);
                } catch (ZipException | EOFException e) {
                    throw new IdxFormatException(source, 0, source + ": corrupt gzip header: " + e.getMessage(), e);
                }
            }
            return new IdxStream(buffered, source, false);
        }

        /** "at byte N", or "at decompressed byte N" for gzip. */
        String at(long offset) {
            return (gzip ? "at decompressed byte " : "at byte ") + n(offset);
        }

        IdxFormatException error(long offset, String message) {
            return new IdxFormatException(source, offset, source + ": " + message);
        }

        /** Reads the magic and the sizes, checking each; returns the sizes. */
        int[] header(int magic, String kind, String[] sizeNames) throws IOException {
            int dims = sizeNames.length;
            int headerBytes = 4 + 4 * dims;
            String expectedHeader = "the " + headerBytes + "-byte IDX " + kind + " header (magic "
                    + hex(magic) + ", " + String.join(", ", sizeNames) + ")";
            byte[] h = new byte[headerBytes];
            int got = readFully(h, 0, 4);
            if (got == 4) {
                checkMagic(h, magic, dims, kind);
                got += readFully(h, 4, headerBytes - 4);
            }
            if (got < headerBytes) {
                throw truncated(expectedHeader + ", found only " + n(got) + (got == 1 ? " byte" : " bytes"));
            }
            int[] sizes = new int[dims];
            for (int d = 0; d < dims; d++) {
                int at = 4 + 4 * d;
                long size = Integer.toUnsignedLong(((h[at] & 0xFF) << 24) | ((h[at + 1] & 0xFF) << 16)
                        | ((h[at + 2] & 0xFF) << 8) | (h[at + 3] & 0xFF));
                if (size < 1 || size > Integer.MAX_VALUE) {
                    throw error(at, "bad " + sizeNames[d] + " " + at(at) + ": expected 1 to "
                            + n(Integer.MAX_VALUE) + ", found " + n(size));
                }
                sizes[d] = (int) size;
            }
            return sizes;
        }

        private void checkMagic(byte[] h, int magic, int dims, String kind) throws IdxFormatException {
            int found = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
            if (h[0] != 0 || h[1] != 0) {
                throw error(0, "not an IDX file: bad magic " + at(0) + ": expected " + hex(magic)
                        + " (unsigned bytes, " + dims + (dims == 1 ? " dimension" : " dimensions") + "), found "
                        + hex(found));
            }
            int type = h[2] & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw error(2, "unsupported IDX data type " + at(2) + ": expected 0x08 (unsigned byte), found "
                        + String.format(Locale.ROOT, "0x%02X", type) + " (" + typeName(type) + ")");
            }
            int foundDims = h[3] & 0xFF;
            if (foundDims != dims) {
                String hint = foundDims == 1 ? " (a label file?)" : foundDims == 3 ? " (an image file?)" : "";
                throw error(3, "wrong IDX dimension count " + at(3) + ": expected " + dims + " (" + kind
                        + (dims == 1 ? "s: count" : "s: count, rows, columns") + "), found " + foundDims + hint);
            }
        }

        /**
         * Reads exactly {@code length} bytes that start at offset {@code start}, growing the buffer as data
         * arrives so that a header claiming far more than the file holds fails on truncation, not on memory.
         */
        byte[] body(long start, int length, String expected) throws IOException {
            byte[] buffer = new byte[Math.min(length, FIRST_CHUNK)];
            int filled = 0;
            while (true) {
                filled += readFully(buffer, filled, buffer.length - filled);
                if (filled < buffer.length) {
                    throw truncated(expected);
                }
                if (filled == length) {
                    return buffer;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
        }

        void expectEnd(String expected) throws IOException {
            long end = position;
            int next;
            try {
                next = in.read();
            } catch (EOFException e) {
                throw error(end, "truncated gzip stream " + at(end) + " after the expected " + expected
                        + ": " + e.getMessage());
            } catch (ZipException e) {
                throw new IdxFormatException(source, end, source + ": corrupt gzip data " + at(end) + ": "
                        + e.getMessage(), e);
            }
            if (next >= 0) {
                throw error(end, "unexpected data " + at(end) + ": expected the " + (gzip ? "data" : "file")
                        + " to end after " + expected);
            }
        }

        private IdxFormatException truncated(String expected) {
            return error(position, "truncated " + at(position) + ": expected " + expected
                    + (gzipCut ? " (the gzip stream is cut short)" : ""));
        }

        /** Reads up to {@code length} bytes, fewer only at the end of the data. */
        private int readFully(byte[] b, int offset, int length) throws IOException {
            int total = 0;
            try {
                while (total < length) {
                    int got = in.read(b, offset + total, length - total);
                    if (got < 0) {
                        break;
                    }
                    total += got;
                    position += got;
                }
            } catch (EOFException e) {
                gzipCut = true;
            } catch (ZipException e) {
                throw new IdxFormatException(source, position, source + ": corrupt gzip data " + at(position) + ": "
                        + e.getMessage(), e);
            }
            return total;
        }

        private static String hex(int value) {
            return String.format(Locale.ROOT, "0x%08X", value);
        }

        private static String typeName(int type) {
            return switch (type) {
                case 0x09 -> "signed byte";
                case 0x0B -> "short";
                case 0x0C -> "int";
                case 0x0D -> "float";
                case 0x0E -> "double";
                default -> "not an IDX type";
            };
        }
    }
}
