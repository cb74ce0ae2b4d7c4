package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Preprocessing follows the data: it is read from the training images. (That a data set's own test images,
 * written as PNG files and read back, predict exactly as in memory is tested with the command line's image
 * files: dev.lanes.cli.image.PngRoundTripTest.)
 */
class PreprocessingTest {

    @Test
    void digitsAreMnistPreparedFashionLikePicturesAreNot() throws IOException {
        assertEquals(Preprocessing.MNIST_DIGIT, Preprocessing.of(DataSets.digits().train()));
        assertEquals(Preprocessing.MNIST_DIGIT, Preprocessing.of(DataSets.digits().test()));
        assertEquals(Preprocessing.RESIZE, Preprocessing.of(objectsFillingTheField(200)));
        // Only 28x28 data can be MNIST digits.
        assertEquals(Preprocessing.RESIZE, Preprocessing.of(Dataset.of("small", 14, 14, new float[196], new int[1], 1)));
    }

    /** Light objects on black that fill the field from top to bottom, as Fashion-MNIST's products do. */
    private static Dataset objectsFillingTheField(int count) {
        float[] x = new float[count * 784];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
            int width = 4 + 2 * labels[i];
            int left = (28 - width) / 2;
            for (int r = 0; r < 28; r++) {
                for (int c = left; c < left + width; c++) {
                    x[i * 784 + r * 28 + c] = (90 + 12 * labels[i]) / 255f;
                }
            }
        }
        return Dataset.of("objects", 28, 28, x, labels, 10);
    }

    @Test
    void idsReadBack() {
        for (Preprocessing p : Preprocessing.values()) {
            assertEquals(p, Preprocessing.parse(p.id()));
            assertEquals(p, Preprocessing.parse(" " + p.id().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals("unknown preprocessing \"crop\"; valid: mnist-digit, resize",
                assertThrows(IllegalArgumentException.class, () -> Preprocessing.parse("crop")).getMessage());
    }
}
