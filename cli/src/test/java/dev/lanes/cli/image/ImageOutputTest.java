package dev.lanes.cli.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.nn.data.DataSets;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Float images written as 8-bit gray PNGs store round(clamp(v) * 255) exactly; MNIST pixels come back exact. */
class ImageOutputTest {

    @TempDir
    Path tmp;

    @Test
    void storesRoundedClampedLevels() throws IOException {
        Random random = new Random(3);
        int rows = 7;
        int cols = 5;
        float[] pixels = new float[2 + rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat() * 1.4f - 0.2f; // some below 0 and above 1
        }
        pixels[2] = -0f;
        pixels[3] = Float.POSITIVE_INFINITY;
        Path png = tmp.resolve("levels.png");
        ImageOutput.writePng(pixels, 2, rows, cols, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(cols, image.getWidth());
        assertEquals(rows, image.getHeight());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = pixels[2 + r * cols + c];
                int expected = Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
                assertEquals(expected, image.getRaster().getSample(c, r, 0), "pixel " + r + "," + c + " = " + v);
            }
        }
    }

    @Test
    void anMnistDigitSurvivesPngAndImageInput() throws IOException {
        float[] digit = DataSets.digits().test().example(0);
        Path png = tmp.resolve("digit.png");
        ImageOutput.writePng(digit, png);
        assertArrayEquals(digit, ImageFiles.read(png));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("pixels[4] (row 1, column 1) is NaN", assertThrows(IllegalArgumentException.class,
                () -> ImageOutput.toImage(new float[] {9, 0, 0, 0, Float.NaN}, 1, 2, 2)).getMessage());
        assertEquals("pixels is too short for a 2x2 image at offset=1: needs 5 floats, has 4",
                assertThrows(IllegalArgumentException.class,
                        () -> ImageOutput.toImage(new float[4], 1, 2, 2)).getMessage());
        assertEquals("rows and cols must be >= 1, were 0 and 2", assertThrows(IllegalArgumentException.class,
                () -> ImageOutput.toImage(new float[4], 0, 0, 2)).getMessage());
        assertEquals("an MNIST image holds 784 floats (28x28), was 100", assertThrows(IllegalArgumentException.class,
                () -> ImageOutput.writePng(new float[100], tmp.resolve("x.png"))).getMessage());
        Path nowhere = tmp.resolve("no").resolve("x.png");
        assertEquals(nowhere + ": cannot write the PNG: no such directory " + nowhere.getParent(),
                assertThrows(FileNotFoundException.class,
                        () -> ImageOutput.writePng(new float[784], nowhere)).getMessage());
    }
}
