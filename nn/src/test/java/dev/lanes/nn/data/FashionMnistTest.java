package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fashion-MNIST from Debian's dataset-fashion-mnist package, when installed (skipped otherwise). Expected
 * values computed with Python's gzip module from the same files.
 */
class FashionMnistTest {

    private static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void loadsTheDebianPackageWithFashionClassNames() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIRECTORY),
                DIRECTORY + " is absent (apt-get install dataset-fashion-mnist)");
        DataSets.TrainTest fashion = DataSets.load(DIRECTORY.toString());
        assertEquals(60_000, fashion.train().size());
        assertEquals(10_000, fashion.test().size());
        assertEquals("fashion-mnist/train", fashion.train().name());
        assertEquals(784, fashion.train().features());
        assertEquals(DataSets.FASHION_CLASS_NAMES, fashion.train().classNames());
        assertEquals("Ankle boot", fashion.train().className(9));
        int[] thousands = new int[10];
        java.util.Arrays.fill(thousands, 1_000);
        assertArrayEquals(thousands, fashion.test().classCounts());
        int[] sixThousands = new int[10];
        java.util.Arrays.fill(sixThousands, 6_000);
        assertArrayEquals(sixThousands, fashion.train().classCounts());

        assertEquals(9, fashion.train().label(0));
        CRC32 crc = new CRC32();
        for (float v : fashion.train().example(0)) {
            crc.update(Math.round(v * 255f));
        }
        assertEquals(4_067_475_125L, crc.getValue());
    }

    @Test
    void isPreparedByResizing() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIRECTORY),
                DIRECTORY + " is absent (apt-get install dataset-fashion-mnist)");
        assertEquals(Preprocessing.RESIZE, Preprocessing.of(DataSets.load(DIRECTORY.toString()).train()));
    }
}
