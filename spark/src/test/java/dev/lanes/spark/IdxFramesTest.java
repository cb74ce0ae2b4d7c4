package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFramesTest {

    /** {@code count} images of 2x3 pixels, pixel k of image i = (i * 7 + k) mod 256; label i mod 10. */
    private static void write(Path dir, String prefix, int count, boolean gzip) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        images.write(new byte[] {0, 0, 8, 3});
        images.write(intBytes(count));
        images.write(intBytes(2));
        images.write(intBytes(3));
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 6; k++) {
                images.write((i * 7 + k) & 0xFF);
            }
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        labels.write(new byte[] {0, 0, 8, 1});
        labels.write(intBytes(count));
        for (int i = 0; i < count; i++) {
            labels.write(i % 10);
        }
        String ext = gzip ? ".gz" : "";
        store(dir.resolve(prefix + "-images-idx3-ubyte" + ext), images.toByteArray(), gzip);
        store(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), labels.toByteArray(), gzip);
    }

    private static void store(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Test
    void readsRangesOnTheExecutorsRawOrGzip(@TempDir Path dir) throws IOException {
        write(dir, "train", 23, false);
        write(dir, "t10k", 9, true);
        Dataset<Row> frame = IdxFrames.readTrainTest(TestSpark.session(), dir.toString(), 2);
        assertEquals(2, frame.javaRDD().getNumPartitions());
        List<Row> rows = frame.collectAsList();
        assertEquals(32, rows.size());
        // Partition 0: training images 0..10, then test images 0..3; partition 1: training 11..22, test 4..8.
        Row first = rows.get(0);
        Row test4 = rows.get(11 + 4 + 12);
        assertEquals(false, first.getBoolean(2));
        assertEquals(true, test4.getBoolean(2));
        Vector v = test4.getAs(0);
        assertEquals(6, v.size());
        assertEquals((4 * 7 + 5) / 255f, v.apply(5));
        assertEquals(4.0, test4.getDouble(1));
        Row train22 = rows.get(11 + 4 + 11);
        assertEquals(2.0, train22.getDouble(1));
        assertEquals((22 * 7) / 255f, (float) ((Vector) train22.getAs(0)).apply(0));

        Dataset<Row> plain = IdxFrames.read(TestSpark.session(), dir.resolve("train-images-idx3-ubyte").toString(),
                dir.resolve("train-labels-idx1-ubyte").toString(), 3);
        assertEquals(3, plain.javaRDD().getNumPartitions());
        assertEquals(23, plain.count());
    }

    @Test
    void badHeadersAndMismatchedCountsAreNamed(@TempDir Path dir) throws IOException {
        write(dir, "a", 5, false);
        write(dir, "b", 6, false);
        String images = dir.resolve("a-images-idx3-ubyte").toString();
        IllegalArgumentException counts = assertThrows(IllegalArgumentException.class, () -> IdxFrames.read(
                TestSpark.session(), images, dir.resolve("b-labels-idx1-ubyte").toString(), 2));
        assertTrue(counts.getMessage().contains("label count at byte 4 is 6 but " + images + " holds 5 images"),
                counts.getMessage());
        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class, () -> IdxFrames.read(
                TestSpark.session(), dir.resolve("a-labels-idx1-ubyte").toString(), images, 2));
        assertTrue(swapped.getMessage().contains("bad magic at byte 0: expected 0x00000803"), swapped.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> IdxFrames.readTrainTest(TestSpark.session(), dir.toString(), 2));
        assertTrue(missing.getMessage().contains("no train-images-idx3-ubyte or train-images-idx3-ubyte.gz"),
                missing.getMessage());
    }
}
