package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures become MNIST-style inputs: light on black, longer side of the drawing 20, center of mass at
 * pixel (14, 14). Shapes are chosen so the expected 28x28 result is known exactly: uniform rectangles whose
 * sizes scale by whole factors (area averaging of a uniform area is exact), placed where their center of
 * mass rounds to (14, 14).
 */
class ImageInputTest {

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
    void anMnistPlacedSquareIsAFixedPoint() {
        // A 20x20 box has its center of mass at 9.5; round(14 - 9.5) puts its top-left at (5, 5).
        float[] square = field(5, 24, 5, 24);
        assertArrayEquals(square, ImageInput.fromGray(square, 28, 28));
    }

    @Test
    void darkOnLightIsInvertedAndScaledWithItsAspectRatio() {
        // 100 rows x 50 columns of black on white in a 300x200 picture: scaled by 1/5 to 20x10, then its
        // center of mass (9.5, 4.5) lands at (14, 14): rows 5..24 (round 4.5 = 5), columns 10..19 (9.5 -> 10).
        BufferedImage picture = canvas(300, 200, Color.WHITE, Color.BLACK, 213, 37, 50, 100,
                BufferedImage.TYPE_INT_RGB);
        float[] input = ImageInput.fromImage(picture);
        assertEquals(784, input.length);
        assertArrayEquals(field(5, 24, 10, 19), input);
    }

    @Test
    void smallDrawingsAreScaledUp() {
        // A 4x2 light bar in a corner of a 30x40 dark picture becomes 20x10, whatever its position.
        BufferedImage picture = canvas(40, 30, Color.BLACK, Color.WHITE, 1, 25, 2, 4, BufferedImage.TYPE_INT_RGB);
        assertArrayEquals(field(5, 24, 10, 19), ImageInput.fromImage(picture));
        BufferedImage dot = canvas(9, 9, Color.WHITE, Color.BLACK, 8, 0, 1, 1, BufferedImage.TYPE_INT_RGB);
        assertArrayEquals(field(5, 24, 5, 24), ImageInput.fromImage(dot));
    }

    @Test
    void theResultIsCenteredByMassAndInsideTheField() {
        // An L: heavy at the bottom, so its box is not centered but its mass is.
        BufferedImage picture = canvas(64, 64, Color.WHITE, Color.BLACK, 10, 5, 6, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(10, 39, 30, 6);
        g.dispose();
        float[] input = ImageInput.fromImage(picture);
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
        assertArrayEquals(expected, ImageInput.fromImage(canvas(50, 50, clear, Color.BLACK, 20, 10, 5, 10,
                BufferedImage.TYPE_INT_ARGB)), "black ink on a transparent canvas");
        Color clearWhite = new Color(255, 255, 255, 0);
        assertArrayEquals(expected, ImageInput.fromImage(canvas(50, 50, clearWhite, Color.WHITE, 20, 10, 5, 10,
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
            assertArrayEquals(expected, ImageInput.read(png), "gray PNG of " + full + " levels");
        }
    }

    @Test
    void bundledDigitsAreFixedPointsOfTheDigitStepsBarThreeWithMnistsOwnRoundingOfTheirCenter() throws IOException {
        // MNIST digits already are 20x20-box, mass-centered inputs. Among the 1,804 test digits whose brightest
        // pixel is 255 (others are stretched to 255), three come out moved or rescaled: their center of mass
        // is more than half a pixel from (14, 14) or a faint pixel lies two pixels beyond the inked box.
        Dataset test = DataSets.digits().test();
        List<Integer> changed = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] digit = test.example(i);
            float max = 0;
            for (float v : digit) {
                max = Math.max(max, v);
            }
            if (max == 1f) {
                checked++;
                if (!java.util.Arrays.equals(digit, DigitBox.prepare(digit, 28, 28))) {
                    changed.add(i);
                }
            }
            // An image that already is an MNIST input is used as it is.
            assertTrue(DigitBox.isPrepared(digit, 28, 28), "digit " + i);
            assertArrayEquals(digit, ImageInput.fromGray(digit, 28, 28), "digit " + i);
        }
        assertEquals(1804, checked);
        assertEquals(List.of(429, 725, 1372), changed);
    }

    @Test
    void smallOrFaintDrawingsInA28x28FieldAreStillPrepared() {
        // Centered but only 10 pixels tall: scaled up to 20x8, center of mass (9.5, 3.5) placed at (14, 14):
        // rows round(4.5) = 5 to 24, columns round(10.5) = 11 to 18.
        float[] small = field(9, 18, 12, 15);
        assertArrayEquals(field(5, 24, 11, 18), ImageInput.fromGray(small, 28, 28));
        // A 20x20 box at half brightness: stretched to white.
        float[] faint = field(5, 24, 5, 24);
        for (int i = 0; i < faint.length; i++) {
            faint[i] *= 0.5f;
        }
        assertArrayEquals(field(5, 24, 5, 24), ImageInput.fromGray(faint, 28, 28));
    }

    @Test
    void resizeKeepsTheWholePictureWithItsAspectRatio() {
        // 56 rows x 28 columns, light on black: halved to 28x14 by 2x2 means, centered in columns 7 to 20.
        float[] gray = new float[56 * 28];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < gray.length; i++) {
            gray[i] = random.nextInt(64) / 255f;
        }
        float[] input = ImageInput.fromGray(gray, 56, 28, Preprocessing.RESIZE, 28, 28);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                float expected = 0;
                if (c >= 7 && c < 21) {
                    int sr = 2 * r;
                    int sc = 2 * (c - 7);
                    expected = (float) (((double) gray[sr * 28 + sc] + gray[sr * 28 + sc + 1]
                            + gray[(sr + 1) * 28 + sc] + gray[(sr + 1) * 28 + sc + 1]) / 4);
                }
                assertEquals(expected, input[r * 28 + c], 1e-6f, "pixel (" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void resizeInvertsDarkOnLightAndPassesItsOwnShapeThrough() {
        BufferedImage picture = canvas(28, 28, Color.WHITE, Color.BLACK, 10, 0, 8, 28, BufferedImage.TYPE_INT_RGB);
        float[] input = ImageInput.fromImage(picture, Preprocessing.RESIZE, 28, 28);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                assertEquals(c >= 10 && c < 18 ? 1f : 0f, input[r * 28 + c], "pixel (" + r + ", " + c + ")");
            }
        }
        float[] object = FashionLike.dataset(1, 9).example(0);
        assertArrayEquals(object, ImageInput.fromGray(object, 28, 28, Preprocessing.RESIZE, 28, 28));
        // Other input shapes: a 12x20 picture into a 6x10 input.
        assertEquals(60, ImageInput.fromGray(new float[240], 12, 20, Preprocessing.RESIZE, 6, 10).length);
        assertEquals("mnist-digit preprocessing makes 28x28 inputs, not 6x10; use resize", assertThrows(
                IllegalArgumentException.class,
                () -> ImageInput.fromGray(new float[240], 12, 20, Preprocessing.MNIST_DIGIT, 6, 10)).getMessage());
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
        float[] input = ImageInput.read(png);
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
        IOException e = assertThrows(IOException.class, () -> ImageInput.read(png));
        assertEquals(png + ": the image declares 40,000 x 40,000 pixels; lanes reads images of at most"
                + " 1,073,741,824 pixels", e.getMessage());
    }

    @Test
    void blankPicturesGiveZeros() {
        assertArrayEquals(new float[784], ImageInput.fromImage(canvas(10, 10, Color.GRAY, Color.GRAY, 0, 0, 1, 1,
                BufferedImage.TYPE_INT_RGB)));
        assertArrayEquals(new float[784], ImageInput.fromImage(new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB)));
    }

    @Test
    void unreadableFilesSaySo() throws IOException {
        Path text = Files.writeString(tmp.resolve("note.txt"), "not a picture");
        IOException e = assertThrows(IOException.class, () -> ImageInput.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not an image format ImageIO can read (it reads "),
                e.getMessage());
        assertTrue(e.getMessage().contains("png"), e.getMessage());
        BufferedImage picture = canvas(40, 40, Color.WHITE, Color.BLACK, 5, 5, 20, 20, BufferedImage.TYPE_INT_RGB);
        Path cut = tmp.resolve("cut.png");
        assertTrue(ImageIO.write(picture, "png", cut.toFile()));
        byte[] png = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(png, png.length / 2));
        IOException corrupt = assertThrows(IOException.class, () -> ImageInput.read(cut));
        assertTrue(corrupt.getMessage().startsWith(cut + ": cannot decode the image: "), corrupt.getMessage());
        Path missing = tmp.resolve("missing.png");
        assertEquals(missing + ": no such file",
                assertThrows(FileNotFoundException.class, () -> ImageInput.read(missing)).getMessage());
        assertEquals(tmp + ": not a regular file",
                assertThrows(FileNotFoundException.class, () -> ImageInput.read(tmp)).getMessage());
    }

    @Test
    void fromGrayRejectsBadInput() {
        assertEquals("gray must hold height x width = 3x3 levels, has 8", assertThrows(
                IllegalArgumentException.class, () -> ImageInput.fromGray(new float[8], 3, 3)).getMessage());
        assertEquals("gray[1] is 1.5, must be in [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> ImageInput.fromGray(new float[] {0, 1.5f}, 1, 2)).getMessage());
    }
}
