package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corruption class of an IDX file, raw and gzip, with the exact message: file name, byte offset (of
 * the decompressed stream for gzip), expected versus found.
 */
class IdxReaderTest {

    private static final List<String> TEN = DataSets.DIGIT_CLASS_NAMES;

    @TempDir
    Path dir;

    /** 3 images of 2x2 with distinct pixel values, and labels 7, 0, 9. */
    private final byte[] pixels = {0, 1, 2, 3, 4, 5, 6, 7, (byte) 128, (byte) 200, (byte) 254, (byte) 255};
    private final byte[] labels = {7, 0, 9};

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private IdxFormatException imagesError(Path file) {
        return assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
    }

    private IdxFormatException labelsError(Path file) {
        return assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file, 10));
    }

    private static void assertError(IdxFormatException e, Path file, long offset, String message) {
        assertEquals(file + ": " + message, e.getMessage());
        assertEquals(file.toString(), e.source());
        assertEquals(offset, e.offset());
    }

    @Test
    void readsRawAndGzipFilesAlike() throws IOException {
        byte[] images = IdxBytes.images(3, 2, 2, pixels);
        byte[] labelFile = IdxBytes.labels(labels);
        for (boolean gz : new boolean[] {false, true}) {
            String suffix = gz ? ".gz" : "";
            Path x = write("images" + suffix, gz ? IdxBytes.gzip(images) : images);
            Path y = write("labels" + suffix, gz ? IdxBytes.gzip(labelFile) : labelFile);
            Dataset d = DataSets.read("tiny", x, y, TEN);
            assertEquals(3, d.size());
            assertEquals(2, d.rows());
            assertEquals(2, d.cols());
            assertEquals(4, d.features());
            assertArrayEquals(new int[] {7, 0, 9}, d.labels());
            assertArrayEquals(new float[] {0f, 1 / 255f, 2 / 255f, 3 / 255f}, d.example(0));
            assertArrayEquals(new float[] {128 / 255f, 200 / 255f, 254 / 255f, 1f}, d.example(2));
        }
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        Path gzipWithoutSuffix = write("images", IdxBytes.gzip(IdxBytes.images(3, 2, 2, pixels)));
        Path rawWithSuffix = write("labels.gz", IdxBytes.labels(labels));
        Dataset d = DataSets.read("tiny", gzipWithoutSuffix, rawWithSuffix, TEN);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {7, 0, 9}, d.labels());
    }

    @Test
    void badMagic() throws IOException {
        Path file = write("x.zip", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertError(imagesError(file), file, 0,
                "not an IDX file: bad magic at byte 0: expected 0x00000803 (unsigned bytes, 3 dimensions),"
                        + " found 0x504B0304");
        assertError(labelsError(file), file, 0,
                "not an IDX file: bad magic at byte 0: expected 0x00000801 (unsigned bytes, 1 dimension),"
                        + " found 0x504B0304");
    }

    @Test
    void wrongTypeCode() throws IOException {
        Path file = write("floats", IdxBytes.header(0x00000D03, 1, 1, 1));
        assertError(imagesError(file), file, 2,
                "unsupported IDX data type at byte 2: expected 0x08 (unsigned byte), found 0x0D (float)");
        Path gz = write("signed.gz", IdxBytes.gzip(IdxBytes.header(0x00000901, 1)));
        assertError(labelsError(gz), gz, 2,
                "unsupported IDX data type at decompressed byte 2: expected 0x08 (unsigned byte), found 0x09"
                        + " (signed byte)");
    }

    @Test
    void wrongDimensionCount() throws IOException {
        Path labelFile = write("labels", IdxBytes.labels(labels));
        assertError(imagesError(labelFile), labelFile, 3,
                "wrong IDX dimension count at byte 3: expected 3 (images: count, rows, columns), found 1"
                        + " (a label file?)");
        Path imageFile = write("images", IdxBytes.images(3, 2, 2, pixels));
        assertError(labelsError(imageFile), imageFile, 3,
                "wrong IDX dimension count at byte 3: expected 1 (labels: count), found 3 (an image file?)");
        Path twoDims = write("matrix", IdxBytes.header(0x00000802, 3, 4));
        assertError(imagesError(twoDims), twoDims, 3,
                "wrong IDX dimension count at byte 3: expected 3 (images: count, rows, columns), found 2");
    }

    @Test
    void zeroSizes() throws IOException {
        Path rows = write("rows", IdxBytes.images(3, 0, 2, new byte[0]));
        assertError(imagesError(rows), rows, 8, "bad row count at byte 8: expected 1 to 2,147,483,647, found 0");
        Path count = write("count.gz", IdxBytes.gzip(IdxBytes.labels(new byte[0])));
        assertError(labelsError(count), count, 4,
                "bad label count at decompressed byte 4: expected 1 to 2,147,483,647, found 0");
    }

    @Test
    void sizesAboveTheIntRangeLookNegativeAndAreRejected() throws IOException {
        Path file = write("huge", IdxBytes.header(0x00000803, -1, 28, 28));
        assertError(imagesError(file), file, 4,
                "bad image count at byte 4: expected 1 to 2,147,483,647, found 4,294,967,295");
        Path cols = write("cols", IdxBytes.header(0x00000803, 1, 28, Integer.MIN_VALUE));
        assertError(imagesError(cols), cols, 12,
                "bad column count at byte 12: expected 1 to 2,147,483,647, found 2,147,483,648");
    }

    @Test
    void sizesWhoseProductOverflowsAnArray() throws IOException {
        Path file = write("big", IdxBytes.header(0x00000803, 100_000, 1_000, 1_000));
        assertError(imagesError(file), file, 4,
                "sizes at bytes 4 to 15 describe 100,000 images of 1000x1000 = 100,000,000,000 pixels, more than"
                        + " one Java array holds (2,147,483,639)");
        // A product beyond a long (found by IdxFuzzProperties): it wrapped to a negative array size.
        Path wraps = write("wraps", IdxBytes.header(0x00000803, 1 << 30, 1 << 30, 1 << 30));
        assertError(imagesError(wraps), wraps, 4, "sizes at bytes 4 to 15 describe 1,073,741,824 images of"
                + " 1073741824x1073741824 = 1,237,940,039,285,380,274,899,124,224 pixels, more than one Java array"
                + " holds (2,147,483,639)");
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] header = IdxBytes.header(0x00000803, 3, 2, 2);
        for (int length : new int[] {0, 1, 3, 4, 10, 15}) {
            Path file = write("cut" + length, Arrays.copyOf(header, length));
            assertError(imagesError(file), file, length, "truncated at byte " + length + ": expected the 16-byte IDX"
                    + " image header (magic 0x00000803, image count, row count, column count), found only " + length
                    + (length == 1 ? " byte" : " bytes"));
        }
        Path gz = write("cut.gz", IdxBytes.gzip(Arrays.copyOf(IdxBytes.labels(labels), 6)));
        assertError(labelsError(gz), gz, 6, "truncated at decompressed byte 6: expected the 8-byte IDX label"
                + " header (magic 0x00000801, label count), found only 6 bytes");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] full = IdxBytes.images(3, 2, 2, pixels);
        Path raw = write("images", Arrays.copyOf(full, 21));
        assertError(imagesError(raw), raw, 21, "truncated at byte 21: expected 3 images of 2x2, 28 bytes in all"
                + " (16-byte header + 12 bytes of pixels)");
        Path gz = write("images.gz", IdxBytes.gzip(Arrays.copyOf(full, 21)));
        assertError(imagesError(gz), gz, 21, "truncated at decompressed byte 21: expected 3 images of 2x2, 28 bytes"
                + " in all (16-byte header + 12 bytes of pixels)");
        Path labelFile = write("labels", Arrays.copyOf(IdxBytes.labels(labels), 10));
        assertError(labelsError(labelFile), labelFile, 10, "truncated at byte 10: expected 3 labels, 11 bytes in all"
                + " (8-byte header + 3 label bytes)");
    }

    @Test
    void gzipStreamCutShort() throws IOException {
        byte[] pixelsOfMany = new byte[50_000];
        new java.util.Random(1).nextBytes(pixelsOfMany); // incompressible, so the cut lands inside the pixels
        byte[] gz = IdxBytes.gzip(IdxBytes.images(50, 1_000, 1, pixelsOfMany));
        Path file = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        IdxFormatException e = imagesError(file);
        assertTrue(e.offset() > 16 && e.offset() < 50_016, "offset " + e.offset());
        assertError(e, file, e.offset(), "truncated at decompressed byte " + IdxReader.n(e.offset())
                + ": expected 50 images of 1000x1, 50,016 bytes in all (16-byte header + 50,000 bytes of pixels)"
                + " (the gzip stream is cut short)");
    }

    @Test
    void corruptGzipChecksum() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(3, 2, 2, pixels));
        gz[gz.length - 8] ^= 1; // the trailer's CRC-32
        Path file = write("crc.gz", gz);
        IdxFormatException e = imagesError(file);
        assertError(e, file, 28, "corrupt gzip data at decompressed byte 28: " + e.getCause().getMessage());
    }

    @Test
    void trailingData() throws IOException {
        Path file = write("images", IdxBytes.concat(IdxBytes.images(3, 2, 2, pixels), new byte[] {1}));
        assertError(imagesError(file), file, 28,
                "unexpected data at byte 28: expected the file to end after 3 images of 2x2 (28 bytes)");
        Path gz = write("labels.gz", IdxBytes.gzip(IdxBytes.concat(IdxBytes.labels(labels), new byte[] {0, 0})));
        assertError(labelsError(gz), gz, 11,
                "unexpected data at decompressed byte 11: expected the data to end after 3 labels (11 bytes)");
    }

    @Test
    void labelOutOfRangeNamesTheFirstBadOne() throws IOException {
        Path file = write("labels", IdxBytes.labels(new byte[] {3, 9, 10, (byte) 255}));
        assertError(labelsError(file), file, 10,
                "label 10 at byte 10 is out of range: expected 0 to 9 (10 classes) for example 2");
        Path gz = write("labels.gz", IdxBytes.gzip(IdxBytes.labels(new byte[] {0, 1, 2, 3})));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(gz, 3));
        assertError(e, gz, 11, "label 3 at decompressed byte 11 is out of range: expected 0 to 2 (3 classes)"
                + " for example 3");
    }

    @Test
    void labelAndImageCountsMustAgree() throws IOException {
        Path x = write("images", IdxBytes.images(3, 2, 2, pixels));
        Path y = write("labels", IdxBytes.labels(new byte[] {1, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> DataSets.read("tiny", x, y, TEN));
        assertError(e, y, 4, "label count at byte 4 is 2 but " + x + " holds 3 images");
    }

    @Test
    void gzipFileCutInsideItsHeaderSaysSoWithTheFileName() throws IOException {
        Path two = write("two.gz", new byte[] {0x1f, (byte) 0x8b});
        assertError(imagesError(two), two, 2, "truncated gzip header at byte 2: a gzip file starts with a 10-byte"
                + " header, this one has only 2 bytes");
        byte[] gz = IdxBytes.gzip(IdxBytes.labels(labels));
        gz[3] = 0x08; // FNAME: a file name follows the header, but the file ends first
        Path named = write("named.gz", Arrays.copyOf(gz, 12));
        assertError(labelsError(named), named, 0, "truncated gzip header: its optional fields (name, comment,"
                + " extra) run past the end of the file");
        byte[] method = IdxBytes.gzip(IdxBytes.labels(labels));
        method[2] = 7; // compression method 7 does not exist
        Path bad = write("method.gz", method);
        assertError(labelsError(bad), bad, 0, "corrupt gzip header: Unsupported compression method");
    }

    @Test
    void sizesBeyondARawFileAreATruncationFoundBeforeReadingOrAllocating() throws IOException {
        // 60,000 images of 28x28 declared, 100 bytes of pixels present: reported at the file's end at once.
        Path file = write("forged", IdxBytes.images(60_000, 28, 28, new byte[100]));
        assertError(imagesError(file), file, 116, "truncated at byte 116: expected 60,000 images of 28x28,"
                + " 47,040,016 bytes in all (16-byte header + 47,040,000 bytes of pixels)");
        Path labelFile = write("labels", IdxBytes.labels(new byte[3]));
        Files.write(labelFile, IdxBytes.concat(IdxBytes.header(0x00000801, 2_000_000_000), new byte[3]));
        assertError(labelsError(labelFile), labelFile, 11, "truncated at byte 11: expected 2,000,000,000 labels,"
                + " 2,000,000,008 bytes in all (8-byte header + 2,000,000,000 label bytes)");
    }

    @Test
    void sizesBeyondWhatAGzipFileCanInflateToAreRejectedBeforeAllocating() throws IOException {
        Path file = write("forged.gz", IdxBytes.gzip(IdxBytes.images(60_000, 28, 28, new byte[100])));
        long length = Files.size(file);
        assertError(imagesError(file), file, 4, "sizes at bytes 4 to 15 describe 60,000 images of 28x28,"
                + " 47,040,016 bytes in all, but a gzip file of " + length + " bytes inflates to at most "
                + IdxReader.n(length * 1032) + " (deflate compresses at most 1032:1): the sizes are corrupt or the"
                + " file is cut short");
    }
}
