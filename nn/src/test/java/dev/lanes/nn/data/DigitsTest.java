package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled MNIST subset, loaded through the module's resources. The expected counts, sums and CRCs were
 * computed from /work/shared/data/mnist-digits-10k with Python's gzip module, independently of this reader.
 */
class DigitsTest {

    private static DataSets.TrainTest digits;

    @BeforeAll
    static void load() throws IOException {
        digits = DataSets.load("digits");
    }

    @Test
    void sizesShapesAndNames() {
        assertEquals(8000, digits.train().size());
        assertEquals(2000, digits.test().size());
        for (Dataset d : List.of(digits.train(), digits.test())) {
            assertEquals(28, d.rows());
            assertEquals(28, d.cols());
            assertEquals(784, d.features());
            assertEquals(10, d.classes());
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        }
        assertEquals("digits/train", digits.train().name());
        assertEquals("digits/test", digits.test().name());
        assertEquals("digits/train: 8,000 examples of 28x28, 10 classes", digits.train().toString());
    }

    @Test
    void classCountsMatchTheSource() {
        assertArrayEquals(new int[] {801, 902, 793, 826, 784, 690, 811, 856, 755, 782}, digits.train().classCounts());
        assertArrayEquals(new int[] {200, 225, 198, 206, 196, 173, 203, 214, 189, 196}, digits.test().classCounts());
    }

    @Test
    void pixelsAreBytesOver255AndSumToTheSource() {
        assertEquals(209_494_310L, byteSum(digits.train()));
        assertEquals(52_652_290L, byteSum(digits.test()));
    }

    @Test
    void firstImagesMatchTheirChecksums() {
        assertFirstImage(digits.train(), 9, 14_801, 0x0548ade1L);
        assertFirstImage(digits.test(), 1, 16_467, 0x6e74431cL);
    }

    @Test
    void bundledFilesMatchTheSha256SumsOfTheirReadme() throws IOException, NoSuchAlgorithmException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (InputStream in = DataSets.class.getClassLoader().getResourceAsStream("dev/lanes/digits/README.md")) {
            assertNotNull(in, "digits/README.md is bundled");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.matches("[0-9a-f]{64}  \\S+")) {
                    sums.put(line.substring(66), line.substring(0, 64));
                }
            }
        }
        assertEquals(4, sums.size(), "README lists the four files: " + sums);
        for (Map.Entry<String, String> e : sums.entrySet()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = DataSets.class.getClassLoader().getResourceAsStream("dev/lanes/digits/" + e.getKey())) {
                assertNotNull(in, e.getKey() + " is bundled");
                sha.update(in.readAllBytes());
            }
            assertEquals(e.getValue(), HexFormat.of().formatHex(sha.digest()), e.getKey());
        }
    }

    @Test
    void readmeKeepsTheAttribution() throws IOException {
        String readme;
        try (InputStream in = DataSets.class.getClassLoader().getResourceAsStream("dev/lanes/digits/README.md")) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(readme.contains("LeCun") && readme.contains("Cortes") && readme.contains("Burges"));
        assertTrue(readme.contains("CC BY-SA 3.0"));
        assertTrue(readme.contains("`mnist` 1.1.0"));
    }

    @Test
    void loadingTwiceGivesEqualSetsThatCopiesCannotChange() throws IOException {
        DataSets.TrainTest again = DataSets.digits();
        float[] last = again.test().example(1999);
        assertArrayEquals(digits.test().example(1999), last);
        java.util.Arrays.fill(last, 0.5f);
        again.train().labels()[0] = 3;
        assertArrayEquals(digits.test().example(1999), again.test().example(1999));
        assertEquals(9, again.train().label(0));
    }

    private static long byteSum(Dataset d) {
        long sum = 0;
        for (int i = 0; i < d.size(); i++) {
            for (float v : d.example(i)) {
                int b = Math.round(v * 255f);
                assertEquals(b / 255f, v, "every pixel is a byte over 255");
                assertTrue(b >= 0 && b <= 255);
                sum += b;
            }
        }
        return sum;
    }

    private static void assertFirstImage(Dataset d, int label, int byteSum, long crc32) {
        assertEquals(label, d.label(0));
        CRC32 crc = new CRC32();
        int sum = 0;
        for (float v : d.example(0)) {
            int b = Math.round(v * 255f);
            crc.update(b);
            sum += b;
        }
        assertEquals(byteSum, sum);
        assertEquals(crc32, crc.getValue());
    }
}
