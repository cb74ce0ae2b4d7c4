package dev.lanes.cli.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.cli.FashionLike;
import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.data.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data set's own test images, written as PNG files ({@link ImageOutput}) and read back as {@code predict}
 * reads pictures ({@link ImageFiles}), give exactly the inputs, and so exactly the predictions, that the images
 * in memory give, with the preprocessing the data calls for.
 */
class PngRoundTripTest {

    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    /** Any network gives the same outputs for the same inputs; a seeded, untrained one keeps the test cheap. */
    private static final Network NETWORK = Network.builder().input(784).dense(32, Activation.RELU)
            .dense(10, Activation.SOFTMAX).seed(3).build();

    @Test
    void everyBundledTestDigitAsPngPredictsExactlyAsInMemory() throws IOException {
        Dataset test = DataSets.digits().test();
        assertRoundTripExact(test, Preprocessing.MNIST_DIGIT, test.size());
    }

    @Test
    void fashionLikeTestImagesAsPngPredictExactlyAsInMemory() throws IOException {
        Dataset test = FashionLike.dataset(300, 2);
        assertEquals(Preprocessing.RESIZE, Preprocessing.of(test));
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

    @Test
    void fashionMnistTestImagesAsPngGiveExactlyTheirInputs() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FASHION_MNIST),
                FASHION_MNIST + " is absent (apt-get install dataset-fashion-mnist)");
        Dataset test = DataSets.load(FASHION_MNIST.toString()).test();
        assertRoundTripExact(test, Preprocessing.RESIZE, 200);
    }

    /** Writes the first {@code n} images as PNGs, reads them back as predict does, compares inputs and outputs. */
    private void assertRoundTripExact(Dataset set, Preprocessing preprocessing, int n) throws IOException {
        float[] memory = new float[n * 784];
        float[] files = new float[n * 784];
        for (int i = 0; i < n; i++) {
            float[] x = set.example(i);
            Path png = tmp.resolve(set.name().replace('/', '-') + "-" + i + ".png");
            ImageOutput.writePng(x, png);
            float[] read = ImageFiles.read(png, preprocessing, 28, 28);
            assertArrayEquals(x, read, set.name() + " image " + i);
            System.arraycopy(x, 0, memory, i * 784, 784);
            System.arraycopy(read, 0, files, i * 784, 784);
        }
        float[] expected = NETWORK.predict(memory, n);
        float[] actual = NETWORK.predict(files, n);
        assertArrayEquals(expected, actual);
    }
}
