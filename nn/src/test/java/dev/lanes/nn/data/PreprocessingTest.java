package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preprocessing follows the data: it is read from the training images, and a data set's own test images,
 * written as PNG files and read back through {@link ImageInput}, give exactly the inputs, and so exactly the
 * predictions, that the images in memory give.
 */
class PreprocessingTest {

    @TempDir
    Path tmp;

    /** Any network gives the same outputs for the same inputs; a seeded, untrained one keeps the test cheap. */
    private static final Network NETWORK = Network.builder().input(784).dense(32, Activation.RELU)
            .dense(10, Activation.SOFTMAX).seed(3).build();

    @Test
    void digitsAreMnistPreparedFashionLikePicturesAreNot() throws IOException {
        assertEquals(Preprocessing.MNIST_DIGIT, Preprocessing.of(DataSets.digits().train()));
        assertEquals(Preprocessing.MNIST_DIGIT, Preprocessing.of(DataSets.digits().test()));
        assertEquals(Preprocessing.RESIZE, Preprocessing.of(FashionLike.dataset(200, 1)));
        // Only 28x28 data can be MNIST digits.
        assertEquals(Preprocessing.RESIZE, Preprocessing.of(Dataset.of("small", 14, 14, new float[196], new int[1], 1)));
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

    @Test
    void everyBundledTestDigitAsPngPredictsExactlyAsInMemory() throws IOException {
        Dataset test = DataSets.digits().test();
        assertRoundTripExact(test, Preprocessing.MNIST_DIGIT, test.size());
    }

    @Test
    void fashionLikeTestImagesAsPngPredictExactlyAsInMemory() throws IOException {
        Dataset test = FashionLike.dataset(300, 2);
        assertRoundTripExact(test, Preprocessing.RESIZE, test.size());
        // What the digit preparation did to them: boxed to 20x20 and stretched, no image stays what it was.
        int changed = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] x = test.example(i);
            if (!Arrays.equals(x, ImageInput.fromGray(x, 28, 28))) {
                changed++;
            }
        }
        assertEquals(test.size(), changed);
    }

    /** Writes the first {@code n} images as PNGs, reads them back as predict does, compares inputs and outputs. */
    private void assertRoundTripExact(Dataset set, Preprocessing preprocessing, int n) throws IOException {
        float[] memory = new float[n * 784];
        float[] files = new float[n * 784];
        for (int i = 0; i < n; i++) {
            float[] x = set.example(i);
            Path png = tmp.resolve(set.name().replace('/', '-') + "-" + i + ".png");
            ImageOutput.writePng(x, png);
            float[] read = ImageInput.read(png, preprocessing, 28, 28);
            assertArrayEquals(x, read, set.name() + " image " + i);
            System.arraycopy(x, 0, memory, i * 784, 784);
            System.arraycopy(read, 0, files, i * 784, 784);
        }
        float[] expected = NETWORK.predict(memory, n);
        float[] actual = NETWORK.predict(files, n);
        assertArrayEquals(expected, actual);
    }
}
