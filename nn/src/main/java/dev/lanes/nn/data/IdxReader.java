package dev.lanes.nn.data;

import dev.lanes.nn.internal.HeapBudget;
import dev.lanes.nn.io.InsufficientHeapException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the two IDX kinds MNIST-style sets use: unsigned-byte image stacks (magic 0x00000803: count, rows,
 * columns) and unsigned-byte label vectors (magic 0x00000801). Gzip is detected by its magic bytes, not the
 * file name. Every defect is an {@link IdxFormatException} naming the source, the byte offset and what was
 * expected versus found; offsets in gzip files count decompressed bytes.
 *
 * <p>Memory is bounded before it is allocated: the sizes a header declares must fit what the file can hold
 * (exactly its length for a raw file; at most {@value #MAX_INFLATE_RATIO} times its length for gzip, deflate's
 * limit), and the arrays they need must fit the heap ({@link InsufficientHeapException} otherwise). The data
 * streams through a 64 KiB buffer straight into the final float or int array, so reading costs the result's
 * size and nothing more.
 */
final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** The largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The most bytes deflate can inflate one compressed byte to: a 258-byte match needs at least 2 bits. Bounds
     * what a gzip file of known length can hold, multi-member files included.
     */
    static final int MAX_INFLATE_RATIO = 1032;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int CHUNK = 1 << 16;
    /** The fixed part of a gzip header; a shorter gzip file is cut inside it. */
    private static final int GZIP_HEADER = 10;
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private IdxReader() {
    }

    /**
     * The pixels of an IDX image file scaled to [0, 1] as {@code b / 255f}, image-major then row-major.
     *
     * @param count  number of images
     * @param rows   rows per image
     * @param cols   columns per image
     * @param pixels {@code count * rows * cols} floats
     */
    record Images(int count, int rows, int cols, float[] pixels) {
    }

    static Images readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString(), knownLength(file));
        }
    }

    static int[] readLabels(Path file, int classes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString(), classes, knownLength(file));
        }
    }

    /** A regular file's length; -1 for anything else (a pipe or device has no length to trust). */
    private static long knownLength(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    /** Reads an image file of unknown length from {@code in} (raw or gzip), which the caller closes. */
    static Images readImages(InputStream in, String source) throws IOException {
        return readImages(in, source, -1);
    }

    /**
     * Reads an image file from {@code in} (raw or gzip), which the caller closes; {@code length} is the number
     * of bytes {@code in} holds, or -1 if unknown.
     */
    static Images readImages(InputStream in, String source, long length) throws IOException {
        IdxStream s = IdxStream.open(in, source, length);
        int[] dims = s.header(IMAGES_MAGIC, "image", new String[] {"image count", "row count", "column count"});
        int count = dims[0];
        int rows = dims[1];
        int cols = dims[2];
        // Three sizes up to 2^31 - 1 can overflow a long: the product is formed exactly for the message.
        BigInteger product = BigInteger.valueOf(count).multiply(BigInteger.valueOf(rows))
                .multiply(BigInteger.valueOf(cols));
        int header = 16;
        if (product.compareTo(BigInteger.valueOf(MAX_ARRAY)) > 0) {
            throw s.error(4, "sizes at bytes 4 to 15 describe " + n(count) + " images of " + rows + "x" + cols
                    + " = " + String.format(Locale.ROOT, "%,d", product) + " pixels, more than one Java array holds ("
                    + n(MAX_ARRAY) + ")");
        }
        long pixels = product.longValueExact();
        String what = n(count) + " images of " + rows + "x" + cols;
        String expected = what + ", " + n(header + pixels) + " bytes in all (" + header + "-byte header + "
                + n(pixels) + " bytes of pixels)";
        s.checkFits(header, pixels, expected, "sizes at bytes 4 to 15 describe " + what);
        float[] data = HeapBudget.floats((int) pixels, source + ": the pixels of " + what);
        s.unitFloats(data, expected);
        s.expectEnd(what + " (" + n(header + pixels) + " bytes)");
        return new Images(count, rows, cols, data);
    }

    /** Reads a label file of unknown length from {@code in} (raw or gzip), which the caller closes. */
    static int[] readLabels(InputStream in, String source, int classes) throws IOException {
        return readLabels(in, source, classes, -1);
    }

    /**
     * Reads a label file from {@code in} (raw or gzip), which the caller closes, and checks every label is
     * below {@code classes}; {@code length} is the number of bytes {@code in} holds, or -1 if unknown.
     */
    static int[] readLabels(InputStream in, String source, int classes, long length) throws IOException {
        IdxStream s = IdxStream.open(in, source, length);
        int count = s.header(LABELS_MAGIC, "label", new String[] {"label count"})[0];
        int header = 8;
        if (count > MAX_ARRAY) {
            throw s.error(4, "label count " + s.at(4) + " is " + n(count) + ", more than one Java array holds ("
                    + n(MAX_ARRAY) + ")");
        }
        String what = n(count) + " labels";
        String expected = what + ", " + n(header + (long) count) + " bytes in all (" + header + "-byte header + "
                + n(count) + " label bytes)";
        s.checkFits(header, count, expected, "the label count at byte 4 describes " + what);
        int[] labels = HeapBudget.ints(count, source + ": " + what);
        s.labels(labels, classes, expected);
        s.expectEnd(what + " (" + n(header + (long) count) + " bytes)");
        return labels;
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
        /** The file's length in bytes (compressed, for gzip), or -1 if unknown. */
        private final long length;
        private final byte[] chunk = new byte[CHUNK];
        private long position;
        private boolean gzipCut;

        private IdxStream(InputStream in, String source, boolean gzip, long length) {
            this.in = in;
            this.source = source;
            this.gzip = gzip;
            this.length = length;
        }

        static IdxStream open(InputStream raw, String source, long length) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, CHUNK);
            buffered.mark(GZIP_HEADER);
            int b0 = buffered.read();
            int b1 = buffered.read();
            if (b0 == 0x1f && b1 == 0x8b) {
                int present = 2;
                while (present < GZIP_HEADER && buffered.read() >= 0) {
                    present++;
                }
                buffered.reset();
                if (present < GZIP_HEADER) {
                    throw new IdxFormatException(source, present, source + ": truncated gzip header at byte " + present
                            + ": a gzip file starts with a " + GZIP_HEADER + "-byte header, this one has only "
                            + present + " bytes");
                }
                try {
                    return new IdxStream(new GZIPInputStream(buffered, CHUNK), source, true, length);
                } catch (EOFException e) {
                    throw new IdxFormatException(source, 0, source + ": truncated gzip header: its optional fields"
                            + " (name, comment, extra) run past the end of the file", e);
                } catch (ZipException e) {
                    throw new IdxFormatException(source, 0, source + ": corrupt gzip header: " + e.getMessage(), e);
                }
            }
            buffered.reset();
            return new IdxStream(buffered, source, false, length);
        }

        /**
         * Checks that {@code count} bytes of data after a {@code start}-byte header fit the file, before anything
         * that size is allocated: a raw file must hold them (else it is truncated, reported at its end as
         * reading would); a gzip file of n bytes cannot inflate to more than {@code n * MAX_INFLATE_RATIO}.
         */
        void checkFits(long start, long count, String expected, String declared) throws IdxFormatException {
            if (length < 0) {
                return;
            }
            long needed = start + count;
            if (!gzip && needed > length) {
                position = length;
                throw truncated(expected);
            }
            long inflatable = Math.multiplyHigh(length, MAX_INFLATE_RATIO) != 0 ? Long.MAX_VALUE
                    : length * MAX_INFLATE_RATIO;
            if (gzip && needed > inflatable) {
                throw error(4, declared + ", " + n(needed) + " bytes in all, but a gzip file of " + n(length)
                        + " bytes inflates to at most " + n(inflatable) + " (deflate compresses at most "
                        + MAX_INFLATE_RATIO + ":1): the sizes are corrupt or the file is cut short");
            }
        }

        /** Fills {@code into} with the next {@code into.length} bytes, each scaled to [0, 1] as b / 255f. */
        void unitFloats(float[] into, String expected) throws IOException {
            for (int done = 0; done < into.length; ) {
                int n = nextChunk(into.length - done, expected);
                for (int i = 0; i < n; i++) {
                    into[done + i] = UNIT[chunk[i] & 0xFF];
                }
                done += n;
            }
        }

        /** Fills {@code into} with the next {@code into.length} bytes as labels, each below {@code classes}. */
        void labels(int[] into, int classes, String expected) throws IOException {
            for (int done = 0; done < into.length; ) {
                long chunkStart = position;
                int n = nextChunk(into.length - done, expected);
                for (int i = 0; i < n; i++) {
                    int label = chunk[i] & 0xFF;
                    if (label >= classes) {
                        long at = chunkStart + i;
                        throw error(at, "label " + label + " " + at(at) + " is out of range: expected 0 to "
                                + (classes - 1) + " (" + classes + " classes) for example " + n(done + i));
                    }
                    into[done + i] = label;
                }
                done += n;
            }
        }

        /** Reads min(wanted, CHUNK) bytes into the chunk; fewer means the data ended: truncated. */
        private int nextChunk(int wanted, String expected) throws IOException {
            int n = Math.min(wanted, CHUNK);
            if (readFully(chunk, 0, n) < n) {
                throw truncated(expected);
            }
            return n;
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
