package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save → load gives the same predictions bit for bit; every kind of damage is reported with its place. */
class ModelFileTest {

    @TempDir
    Path dir;

    private static Network network() {
        return Network.builder().input(12).dense(9, Activation.leakyRelu(0.02f)).dense(7, Activation.GELU)
                .dense(4, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(17).build();
    }

    private static float[] inputs(int rows) {
        Random r = new Random(2);
        float[] x = new float[rows * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Test
    void roundTripGivesBitIdenticalPredictionsAndMetadata() throws IOException {
        Network net = network();
        Path file = dir.resolve("m.lnn");
        ModelFile.save(net, Map.of("classes", "a,b,c,d"), file);
        ModelFile.Model loaded = ModelFile.load(file);
        assertEquals(net.describe(), loaded.network().describe());
        assertEquals("a,b,c,d", loaded.metadata().get("classes"));
        float[] x = inputs(37);
        assertArrayEquals(net.predict(x, 37), loaded.network().predict(x, 37));
        assertArrayEquals(net.predict(java.util.Arrays.copyOf(x, 12)),
                loaded.network().predict(java.util.Arrays.copyOf(x, 12)));
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.lnn");
        Files.writeString(file, "an older model");
        ModelFile.save(network(), Map.of(), file);
        ModelFile.load(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model file remains");
        }
    }

    private byte[] saved() throws IOException {
        Path file = dir.resolve("ok.lnn");
        ModelFile.save(network(), Map.of("k", "v"), file);
        return Files.readAllBytes(file);
    }

    private String loadError(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.lnn");
        Files.write(file, bytes);
        return assertThrows(ModelFormatException.class, () -> ModelFile.load(file)).getMessage();
    }

    @Test
    void rejectsAFileThatIsNotAModel() throws IOException {
        String message = loadError("hello, world, not a model".getBytes());
        assertTrue(message.endsWith("bad.lnn: not a lanes model file (the first bytes are 68 65 6C 6C 6F 2C 20 77,"
                + " a lanes model starts with 89 4C 4E 4E 0D 0A 1A 0A)"), message);
    }

    @Test
    void rejectsAnotherVersion() throws IOException {
        byte[] b = saved();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 7);
        String message = loadError(b);
        assertTrue(message.endsWith("bad.lnn: format version 7 at byte 8 is not supported: this lanes reads"
                + " version 1"), message);
    }

    @Test
    void reportsTruncationWithTheFieldAndOffset() throws IOException {
        byte[] b = saved();
        String message = loadError(java.util.Arrays.copyOf(b, 200));
        assertTrue(message.contains("bad.lnn: truncated at byte "), message);
        assertTrue(message.contains("while reading dense1.weights: needs 432 bytes"), message);
        message = loadError(java.util.Arrays.copyOf(b, b.length - 2));
        assertTrue(message.contains("while reading the checksum: needs 4 bytes, 2 remain"), message);
    }

    @Test
    void reportsACorruptTensorByChecksum() throws IOException {
        byte[] b = saved();
        b[b.length - 40] ^= 0x10;
        String message = loadError(b);
        assertTrue(message.matches(".*bad\\.lnn: checksum mismatch at byte \\d+: stored [0-9a-f]{8}, computed"
                + " [0-9a-f]{8}: the file is corrupt"), message);
    }

    @Test
    void reportsAnInconsistentArchitecture() throws IOException {
        byte[] b = saved();
        // Layer 2's input count follows layer 1's header; make it disagree with layer 1's 9 outputs.
        int at = indexOf(b, "gelu".getBytes()) - 2 - 4 - 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 8);
        String message = loadError(b);
        assertTrue(message.endsWith("bad.lnn: byte " + at + ": layer 2 takes 8 inputs but the layer below has 9"),
                message);
    }

    @Test
    void reportsAnUnknownActivation() throws IOException {
        byte[] b = saved();
        int at = indexOf(b, "gelu".getBytes());
        b[at] = 'h';
        String message = loadError(b);
        assertTrue(message.contains("bad.lnn: byte " + (at - 2) + ": layer 2: "), message);
        assertTrue(message.contains("helu"), message);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
