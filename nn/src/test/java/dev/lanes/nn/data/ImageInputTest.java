package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gray pictures become MNIST-style inputs: light on black, longer side of the drawing 20, center of mass at
 * pixel (14, 14); or, resized, the whole picture fitted to the input. Shapes are chosen so the expected 28x28
 * result is known exactly: uniform rectangles whose sizes scale by whole factors (area averaging of a uniform
 * area is exact), placed where their center of mass rounds to (14, 14). Decoding picture files is tested with
 * the command line (dev.lanes.cli.image.ImageFilesTest).
 */
class ImageInputTest {

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

    @Test
    void anMnistPlacedSquareIsAFixedPoint() {
        // A 20x20 box has its center of mass at 9.5; round(14 - 9.5) puts its top-left at (5, 5).
        float[] square = field(5, 24, 5, 24);
        assertArrayEquals(square, ImageInput.fromGray(square, 28, 28));
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
    void fromGrayRejectsBadInput() {
        assertEquals("gray must hold height x width = 3x3 levels, has 8", assertThrows(
                IllegalArgumentException.class, () -> ImageInput.fromGray(new float[8], 3, 3)).getMessage());
        assertEquals("gray[1] is 1.5, must be in [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> ImageInput.fromGray(new float[] {0, 1.5f}, 1, 2)).getMessage());
    }
    @Test
    void resizePassesItsOwnShapeThroughAndFitsOtherShapes() {
        // A light object on black that fills the field from top to bottom, as Fashion-MNIST's do.
        float[] object = new float[784];
        for (int r = 0; r < 28; r++) {
            for (int c = 9; c < 19; c++) {
                object[r * 28 + c] = (90 + 3 * r + 2 * c) / 255f;
            }
        }
        assertArrayEquals(object, ImageInput.fromGray(object, 28, 28, Preprocessing.RESIZE, 28, 28));
        // Other input shapes: a 12x20 picture into a 6x10 input.
        assertEquals(60, ImageInput.fromGray(new float[240], 12, 20, Preprocessing.RESIZE, 6, 10).length);
        assertEquals("mnist-digit preprocessing makes 28x28 inputs, not 6x10; use resize", assertThrows(
                IllegalArgumentException.class,
                () -> ImageInput.fromGray(new float[240], 12, 20, Preprocessing.MNIST_DIGIT, 6, 10)).getMessage());
    }
}
