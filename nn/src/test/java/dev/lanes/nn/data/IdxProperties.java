package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * IDX files of random shapes and contents written by the test, raw and gzip: they read back exactly
 * ({@code b / 255f} per pixel), and every cut short of the full length fails with the cut's offset.
 */
class IdxProperties {

    @Property(tries = 200)
    void imagesAndLabelsRoundTrip(@ForAll @IntRange(min = 1, max = 20) int count,
                                  @ForAll @IntRange(min = 1, max = 9) int rows,
                                  @ForAll @IntRange(min = 1, max = 9) int cols,
                                  @ForAll @IntRange(min = 1, max = 256) int classes,
                                  @ForAll boolean gzip, @ForAll Random random) throws IOException {
        byte[] pixels = new byte[count * rows * cols];
        random.nextBytes(pixels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(classes);
        }
        IdxReader.Images images = IdxReader.readImages(stream(IdxBytes.images(count, rows, cols, pixels), gzip),
                "images");
        assertEquals(count, images.count());
        assertEquals(rows, images.rows());
        assertEquals(cols, images.cols());
        float[] unit = images.pixels();
        assertEquals(pixels.length, unit.length);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals((pixels[i] & 0xFF) / 255f, unit[i]);
        }
        int[] read = IdxReader.readLabels(stream(IdxBytes.labels(labels), gzip), "labels", classes);
        for (int i = 0; i < count; i++) {
            assertEquals(labels[i] & 0xFF, read[i]);
        }
    }

    @Property(tries = 200)
    void everyCutIsReportedAtItsOffset(@ForAll @IntRange(min = 1, max = 6) int count,
                                       @ForAll @IntRange(min = 1, max = 6) int side,
                                       @ForAll boolean gzip, @ForAll Random random) {
        byte[] pixels = new byte[count * side * side];
        random.nextBytes(pixels);
        byte[] full = IdxBytes.images(count, side, side, pixels);
        int cut = random.nextInt(full.length);
        byte[] shortened = Arrays.copyOf(full, cut);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(stream(shortened, gzip), "cut"));
        assertEquals(cut, e.offset());
        String at = (gzip ? "at decompressed byte " : "at byte ") + cut;
        // Cuts inside the magic, the sizes and the pixels alike.
        assertTrue(e.getMessage().startsWith("cut: truncated " + at + ": expected "), e.getMessage());
    }

    private static ByteArrayInputStream stream(byte[] raw, boolean gzip) {
        return new ByteArrayInputStream(gzip ? IdxBytes.gzip(raw) : raw);
    }
}
