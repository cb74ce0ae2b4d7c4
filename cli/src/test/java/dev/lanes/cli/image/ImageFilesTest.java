package dev.lanes.cli.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.data.Preprocessing;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures become MNIST-style inputs: light on black, longer side of the drawing 20, center of mass at
 * pixel (14, 14). Shapes are chosen so the expected 28x28 result is known exactly: uniform rectangles whose
 * sizes scale by whole factors (area averaging of a uniform area is exact), placed where their center of
 * mass rounds to (14, 14).
 */
class ImageFilesTest {

    @TempDir
    Path tmp;

    /** A 28x28 field with ones in rows r0..r1 and columns c0..c1 (inclusive). */
    private static float[] field(int r0, int r1, int c0, int c1) {
        float[] f = new float[28 * 28];
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                f[r * 28 + c] = 1f;
            }
        }
        return f;
    }

    private static BufferedImage canvas(int width, int height, Color background, Color ink, int x, int y, int w,
                                        int h, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.fillRect(x, y, w, h);
        g.dispose();
        return image;
    }

    @Test
    void darkOnLightIsInvertedAndScaledWithItsAspectRatio() {
        // 100 rows x 50 columns of black on white in a 300x200 picture: scaled by 1/5 to 20x10, then its
        // center of mass (9.5, 4.5) lands at (14, 14): rows 5..24 (round 4.5 = 5), columns 10..19 (9.5 -> 10).
        BufferedImage picture = canvas(300, 200, Color.WHITE, Color.BLACK, 213, 37, 50, 100,
                BufferedImage.TYPE_INT_RGB);
        float[] input = ImageFiles.fromImage(picture);
        assertEquals(784, input.length);
        assertArrayEquals(field(5, 24, 10, 19), input);
    }

    @Test
    void smallDrawingsAreScaledUp() {
        // A 4x2 light bar in a corner of a 30x40 dark picture becomes 20x10, whatever its position.
        BufferedImage picture = canvas(40, 30, Color.BLACK, Color.WHITE, 1, 25, 2, 4, BufferedImage.TYPE_INT_RGB);
        assertArrayEquals(field(5, 24, 10, 19), ImageFiles.fromImage(picture));
        BufferedImage dot = canvas(9, 9, Color.WHITE, Color.BLACK, 8, 0, 1, 1, BufferedImage.TYPE_INT_RGB);
        assertArrayEquals(field(5, 24, 5, 24), ImageFiles.fromImage(dot));
    }

    @Test
    void theResultIsCenteredByMassAndInsideTheField() {
        // An L: heavy at the bottom, so its box is not centered but its mass is.
        BufferedImage picture = canvas(64, 64, Color.WHITE, Color.BLACK, 10, 5, 6, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(10, 39, 30, 6);
        g.dispose();
        float[] input = ImageFiles.fromImage(picture);
        double mass = 0;
        double rows = 0;
        double cols = 0;
        int top = 28;
        int bottom = -1;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                float v = input[r * 28 + c];
                assertTrue(v >= 0f && v <= 1f);
                mass += v;
                rows += r * v;
                cols += c * v;
                if (v > 0) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                }
            }
        }
        assertEquals(20, bottom - top + 1, "longer side");
        assertEquals(14, rows / mass, 0.5, "center of mass row");
        assertEquals(14, cols / mass, 0.5, "center of mass column");
    }

    @Test
    void transparentCanvasesKeepTheirDrawingWhateverItsColor() {
        float[] expected = field(5, 24, 10, 19);
        Color clear = new Color(0, 0, 0, 0);
        assertArrayEquals(expected, ImageFiles.fromImage(canvas(50, 50, clear, Color.BLACK, 20, 10, 5, 10,
                BufferedImage.TYPE_INT_ARGB)), "black ink on a transparent canvas");
        Color clearWhite = new Color(255, 255, 255, 0);
        assertArrayEquals(expected, ImageFiles.fromImage(canvas(50, 50, clearWhite, Color.WHITE, 20, 10, 5, 10,
                BufferedImage.TYPE_INT_ARGB)), "white ink on a transparent canvas");
    }

    @Test
    void grayPngsKeepTheirStoredLevels() throws IOException {
        // 8- and 16-bit gray PNGs decode into a linear-gray color space; the stored level 128 must stay 128/255
        // (getRGB would turn it into about 186/255). A symmetric 20x20 pattern at (5, 5) is a fixed point.
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
            int full = type == BufferedImage.TYPE_BYTE_GRAY ? 255 : 65535;
            BufferedImage picture = new BufferedImage(28, 28, type);
            float[] expected = new float[784];
            for (int r = 5; r <= 24; r++) {
                for (int c = 5; c <= 24; c++) {
                    boolean rim = r == 5 || r == 24 || c == 5 || c == 24;
                    picture.getRaster().setSample(c, r, 0, rim ? full : full / 255 * 128);
                    expected[r * 28 + c] = rim ? 1f : 128 / 255f;
                }
            }
            Path png = tmp.resolve("gray" + full + ".png");
            assertTrue(ImageIO.write(picture, "png", png.toFile()));
            assertArrayEquals(expected, ImageFiles.read(png), "gray PNG of " + full + " levels");
        }
    }

    @Test
    void resizeInvertsDarkOnLight() {
        BufferedImage picture = canvas(28, 28, Color.WHITE, Color.BLACK, 10, 0, 8, 28, BufferedImage.TYPE_INT_RGB);
        float[] input = ImageFiles.fromImage(picture, Preprocessing.RESIZE, 28, 28);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                assertEquals(c >= 10 && c < 18 ? 1f : 0f, input[r * 28 + c], "pixel (" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void hugePicturesAreDecodedSubsampledInBoundedMemory() throws IOException {
        assertEquals(1, ImageDecoder.subsampling(2048, 1));
        assertEquals(2, ImageDecoder.subsampling(1, 2049));
        assertEquals(5, ImageDecoder.subsampling(10_000, 10_000));
        // A 10000x10000 gray PNG (100 MB of pixels, 0.5 MB of file): a light bar in the middle third. Decoded
        // whole it needs about 1 GB of heap; subsampled by 5, a few tens of MB.
        Path png = tmp.resolve("huge.png");
        BigPng.writeGray(png, 10_000, 10_000, (r, c) -> r >= 2_500 && r < 7_500 && c >= 4_000 && c < 6_000);
        long before = allocatedBytes();
        float[] input = ImageFiles.read(png);
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 150_000_000L, "allocated " + allocated + " bytes");
        // The bar is 5000 x 2000: 20 x 8 in the box, mass-centered in rows 5 to 24 and columns 11 to 18.
        assertArrayEquals(field(5, 24, 11, 18), input);
    }

    /**
     * Bytes this thread has allocated so far (HotSpot's com.sun.management.ThreadMXBean), by reflection:
     * the module does not read jdk.management, and reflection needs no readability.
     */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this test needs HotSpot's per-thread allocation counter", e);
        }
    }

    @Test
    void picturesDeclaringTooManyPixelsAreRefusedBeforeDecoding() throws IOException {
        Path png = tmp.resolve("bomb.png");
        BigPng.writeHeaderOnly(png, 40_000, 40_000);
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(png));
        assertEquals(png + ": the image declares 40,000 x 40,000 pixels; lanes reads images of at most"
                + " 1,073,741,824 pixels", e.getMessage());
    }

    @Test
    void blankPicturesGiveZeros() {
        assertArrayEquals(new float[784], ImageFiles.fromImage(canvas(10, 10, Color.GRAY, Color.GRAY, 0, 0, 1, 1,
                BufferedImage.TYPE_INT_RGB)));
        assertArrayEquals(new float[784], ImageFiles.fromImage(new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB)));
    }

    @Test
    void unreadableFilesSaySo() throws IOException {
        Path text = Files.writeString(tmp.resolve("note.txt"), "not a picture");
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not an image format ImageIO can read (it reads "),
                e.getMessage());
        assertTrue(e.getMessage().contains("png"), e.getMessage());
        BufferedImage picture = canvas(40, 40, Color.WHITE, Color.BLACK, 5, 5, 20, 20, BufferedImage.TYPE_INT_RGB);
        Path cut = tmp.resolve("cut.png");
        assertTrue(ImageIO.write(picture, "png", cut.toFile()));
        byte[] png = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(png, png.length / 2));
        IOException corrupt = assertThrows(IOException.class, () -> ImageFiles.read(cut));
        assertTrue(corrupt.getMessage().startsWith(cut + ": cannot decode the image: "), corrupt.getMessage());
        Path missing = tmp.resolve("missing.png");
        assertEquals(missing + ": no such file",
                assertThrows(FileNotFoundException.class, () -> ImageFiles.read(missing)).getMessage());
        assertEquals(tmp + ": not a regular file",
                assertThrows(FileNotFoundException.class, () -> ImageFiles.read(tmp)).getMessage());
    }
}
