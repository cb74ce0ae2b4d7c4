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
        ModelFile.Model loaded = ModelFile.loadModel(file);
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
                + " versions 1 and 2"), message);
    }

    @Test
    void reportsTruncationWithTheFieldAndOffset() throws IOException {
        byte[] b = saved();
        String message = loadError(java.util.Arrays.copyOf(b, 200));
        assertTrue(message.contains("bad.lnn: byte "), message);
        assertTrue(message.contains(": dense1.weights [9, 12]: the 432 bytes of parameters declared so far exceed"
                + " the "), message);
        message = loadError(java.util.Arrays.copyOf(b, b.length - 2));
        assertTrue(message.matches(".*bad\\.lnn: the header declares 876 bytes of parameters and a 4-byte checksum"
                + " after byte \\d+, but 878 bytes follow \\(file size \\d+\\): the file is truncated"), message);
        message = loadError(java.util.Arrays.copyOf(b, 30));
        assertTrue(message.contains("bad.lnn: truncated at byte "), message);
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
    void reportsALayerWhoseParametersDifferFromTheDeclaredOnes() throws IOException {
        byte[] b = saved();
        // dense2's spec says units=7; claim 6 (a forged file: the checksum is recomputed).
        int at = indexOf(b, "units".getBytes(), indexOf(b, "dense2".getBytes(), 0)) + 5 + 2;
        assertEquals('7', b[at]);
        b[at] = '6';
        String message = loadError(withChecksum(b));
        assertTrue(message.matches(".*bad\\.lnn: byte \\d+: the file declares dense2\\.weights \\[7, 9\\] where the layer"
                + " has dense2\\.weights \\[6, 9\\]"), message);
    }

    @Test
    void reportsAnUnknownActivation() throws IOException {
        byte[] b = saved();
        int at = indexOf(b, "gelu".getBytes(), 0);
        b[at] = 'h';
        String message = loadError(withChecksum(b));
        assertTrue(message.contains("bad.lnn: byte "), message);
        assertTrue(message.contains(": layer dense2 (dense(units=7, activation=helu)) on input 9: "), message);
        assertTrue(message.contains("helu"), message);
    }

    @Test
    void headerSizesAreCheckedAgainstTheFileBeforeAnythingIsAllocated() throws IOException {
        byte[] b = saved();
        // A forged dimension of 2^31 - 1 rows for dense1.weights, with a valid checksum: refused at its
        // declaration, long before the data or a layer.
        int dims = indexOf(b, "dense1.weights".getBytes(), 0) + "dense1.weights".length() + 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(dims, Integer.MAX_VALUE);
        String message = loadError(withChecksum(b));
        assertTrue(message.contains(": dense1.weights [2147483647]…: too large for one array"), message);
        // A plausible but false 1,000,000 units in dense1's spec: the layer's request is checked against the
        // declaration before the layer allocates it.
        b = saved();
        byte[] forged = replace(b, "units\u0001\u00009".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                "units\u0007\u00001000000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        message = loadError(withChecksum(forged));
        assertTrue(message.contains("the file declares dense1.weights [9, 12] where the layer has dense1.weights"
                + " [1000000, 12]"), message);
    }

    @Test
    void refusesWhatIsNotARegularFileAndFilesLargerThanTheHeapAllows() throws IOException {
        String message = assertThrows(ModelFormatException.class, () -> ModelFile.load(dir)).getMessage();
        assertTrue(message.endsWith(": not a regular file (a model is a file saved by lanes train)"), message);
        Path sparse = dir.resolve("huge.lnn");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(sparse,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}), Math.max(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 2));
        }
        message = assertThrows(ModelFormatException.class, () -> ModelFile.load(sparse)).getMessage();
        assertTrue(message.contains("too large to load with a heap of"), message);
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ModelFile.load(dir.resolve("missing.lnn")));
    }

    /** A version-1 file written by lanes before the shaped-layer API, and the predictions that build made. */
    @Test
    void versionOneFilesLoadWithTheirExactWeightsAndPredictions() throws IOException {
        java.util.List<String> lines = resourceLines("v1-predictions.txt");
        dev.lanes.nn.data.Dataset test = dev.lanes.nn.data.DataSets.digits().test();
        int line = 0;
        for (String name : new String[] {"v1-digits-relu-tanh-softmax.lnn", "v1-gelu-sigmoid-mse.lnn"}) {
            byte[] bytes = resource(name);
            ModelFile.Model model = ModelFile.decode(bytes, name);
            Network net = model.network();
            // Every weight is the file's float, bit for bit: tensors follow the v1 header, each a u32 count.
            int at = bytes.length - 4 - 4 * (int) (net.parameterCount() + net.parameters().size());
            for (dev.lanes.nn.Parameter p : net.parameters()) {
                assertEquals(p.size(), ModelFile.intAt(bytes, at), p.name());
                float[] stored = new float[p.size()];
                ModelFile.floatsAt(bytes, at + 4, stored);
                assertArrayEquals(stored, p.values(), p.name());
                at += 4 + 4 * p.size();
            }
            // The predictions of the build that wrote the file, to within float rounding of the kernels
            // (bit-identical as long as the kernels' summation order is unchanged).
            for (int i = 0; i < 20; i++, line++) {
                String[] hex = lines.get(line).trim().split(" ");
                float[] p = net.predict(test.example(i));
                assertEquals(hex.length, p.length);
                for (int j = 0; j < p.length; j++) {
                    float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[j], 16));
                    assertEquals(expected, p[j], 1e-5f * Math.max(1f, Math.abs(expected)),
                            name + ", image " + i + ", output " + j);
                }
            }
            // Saved again, it is a version-2 file that loads to the same predictions, bit for bit.
            Path v2 = dir.resolve(name);
            ModelFile.save(net, model.metadata(), v2);
            Network again = ModelFile.load(v2);
            assertEquals(net.describe(), again.describe());
            float[] x = new float[20 * 784];
            test.copyBatch(0, 20, x, 0, null, 0);
            assertArrayEquals(net.predict(x, 20), again.predict(x, 20));
        }
        assertEquals("784 → 32 relu → 16 tanh → 10 softmax, cross_entropy",
                ModelFile.decode(resource("v1-digits-relu-tanh-softmax.lnn"), "f").network().describe());
        assertEquals("784 → 12 gelu → 10 sigmoid, mse",
                ModelFile.decode(resource("v1-gelu-sigmoid-mse.lnn"), "f").network().describe());
    }

    @Test
    void aVersionOneInputSizeBeyondAnyExampleIsAFormatErrorNamingTheFile() throws IOException {
        for (int size : new int[] {Integer.MAX_VALUE, 1 << 30, 0}) {
            byte[] b = resource("v1-gelu-sigmoid-mse.lnn");
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(12, size); // after magic and version
            String message = assertThrows(ModelFormatException.class,
                    () -> ModelFile.fromBytes(withChecksum(b), "v1.lnn")).getMessage();
            assertTrue(message.startsWith("v1.lnn: byte 12: the input size"), message);
            assertTrue(message.contains(String.valueOf(size)), message);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (java.io.InputStream in = ModelFileTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static java.util.List<String> resourceLines(String name) throws IOException {
        return new String(resource(name), java.nio.charset.StandardCharsets.US_ASCII).lines().toList();
    }

    /** {@code b} with its last four bytes set to the CRC32 of the rest, as a forger would. */
    private static byte[] withChecksum(byte[] b) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    private static byte[] replace(byte[] b, byte[] from, byte[] to) {
        int at = indexOf(b, from, 0);
        byte[] out = new byte[b.length - from.length + to.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(to, 0, out, at, to.length);
        System.arraycopy(b, at + from.length, out, at + to.length, b.length - at - from.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
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
