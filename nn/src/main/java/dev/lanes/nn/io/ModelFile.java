package dev.lanes.nn.io;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Layer;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Saves and loads networks in the lanes model format, version 1 (all integers and floats little-endian):
 * <pre>
 * magic       8 bytes   89 4C 4E 4E 0D 0A 1A 0A  ("\x89LNN\r\n\x1a\n": catches text-mode and 7-bit damage)
 * version     u32       1
 * input size  u32
 * loss        string    (u16 byte length + UTF-8), e.g. "cross_entropy"
 * layers      u32       count, then per layer: string type ("dense"), u32 inputs, u32 outputs,
 *                       string activation, e.g. "relu" or "leaky_relu(0.01)"
 * metadata    u32       count, then per entry: string key, string value
 * tensors               per layer, per parameter (weights outputs x inputs, then bias): u32 count, count x f32
 * checksum    u32       CRC32 of every byte before it
 * </pre>
 * Saving is atomic ({@link AtomicFile}): the file is written under a temporary name in the same directory,
 * forced to disk and renamed over the target, so an existing model is never left half-written. Loading checks everything above
 * and reports the first problem with the file name and byte offset.
 */
public final class ModelFile {

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    static final byte[] MAGIC = {(byte) 0x89, 'L', 'N', 'N', '\r', '\n', 0x1A, '\n'};

    private static final int MAX_LAYERS = 10_000;

    private ModelFile() {
    }

    /** A loaded model: the network and the metadata saved with it. */
    public record Model(Network network, Map<String, String> metadata) {
    }

    /**
     * Saves {@code network} with {@code metadata} (may be empty) to {@code path}, atomically.
     *
     * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
     */
    public static void save(Network network, Map<String, String> metadata, Path path) throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(metadata, "metadata");
        requireFinite(network, path);
        AtomicFile.write(path, encode(network, metadata));
    }

    /** A model with a NaN or infinite parameter predicts nothing useful: refused, naming the first such value. */
    static void requireFinite(Network network, Path path) {
        for (Parameter p : network.parameters()) {
            float[] v = p.values();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("refusing to save " + path + ": " + p.name() + " holds "
                            + v[i] + " at [" + i / p.cols() + ", " + i % p.cols() + "]; a model with NaN or infinite"
                            + " parameters cannot predict (did training diverge?); nothing was written");
                }
            }
        }
    }

    /** Loads a model saved by {@link #save}; a {@link ModelFormatException} says what is wrong and where. */
    public static Model load(Path path) throws IOException {
        return decode(Files.readAllBytes(path), path.toString());
    }

    static byte[] encode(Network network, Map<String, String> metadata) {
        Writer w = new Writer();
        w.bytes(MAGIC);
        w.u32(VERSION);
        w.u32(network.inputSize());
        w.string(network.loss().id());
        List<Layer> layers = network.layers();
        w.u32(layers.size());
        for (Layer layer : layers) {
            w.string("dense");
            w.u32(layer.inputSize());
            w.u32(layer.outputSize());
            w.string(layer.activation().name());
        }
        w.u32(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            w.string(e.getKey());
            w.string(e.getValue());
        }
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                w.u32(p.size());
                w.floats(p.values());
            }
        }
        CRC32 crc = new CRC32();
        crc.update(w.buffer, 0, w.size);
        w.u32((int) crc.getValue());
        return java.util.Arrays.copyOf(w.buffer, w.size);
    }

    static Model decode(byte[] bytes, String file) throws ModelFormatException {
        Reader r = new Reader(bytes, file);
        byte[] magic = r.bytes(MAGIC.length, "the magic number");
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(file + ": not a lanes model file (the first bytes are "
                    + hex(magic) + ", a lanes model starts with " + hex(MAGIC) + ")");
        }
        int version = r.u32("the format version");
        if (version != VERSION) {
            throw new ModelFormatException(file + ": format version " + Integer.toUnsignedString(version)
                    + " at byte 8 is not supported: this lanes reads version " + VERSION);
        }
        int inputSize = r.positive("the input size");
        int lossAt = r.position();
        String lossId = r.string("the loss");
        Loss loss;
        try {
            loss = Loss.parse(lossId);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": byte " + lossAt + ": " + e.getMessage());
        }
        int layerCount = r.positive("the layer count");
        if (layerCount > MAX_LAYERS) {
            throw new ModelFormatException(file + ": byte " + (r.position() - 4) + ": layer count " + layerCount
                    + " is not plausible (at most " + MAX_LAYERS + ")");
        }
        Network.Builder builder = Network.builder().input(inputSize).loss(loss);
        int expectedInputs = inputSize;
        for (int l = 1; l <= layerCount; l++) {
            int at = r.position();
            String type = r.string("layer " + l + " type");
            if (!type.equals("dense")) {
                throw new ModelFormatException(file + ": byte " + at + ": layer " + l + " has unknown type '"
                        + type + "' (this lanes knows 'dense')");
            }
            at = r.position();
            int inputs = r.positive("layer " + l + " inputs");
            if (inputs != expectedInputs) {
                throw new ModelFormatException(file + ": byte " + at + ": layer " + l + " takes " + inputs
                        + " inputs but the " + (l == 1 ? "network input has " : "layer below has ")
                        + expectedInputs);
            }
            int outputs = r.positive("layer " + l + " outputs");
            at = r.position();
            String activationName = r.string("layer " + l + " activation");
            try {
                builder.dense(outputs, Activation.parse(activationName));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + ": byte " + at + ": layer " + l + ": " + e.getMessage());
            }
            expectedInputs = outputs;
        }
        int entries = r.u32("the metadata count");
        if (entries < 0 || entries > bytes.length) {
            throw new ModelFormatException(file + ": byte " + (r.position() - 4) + ": metadata count "
                    + Integer.toUnsignedString(entries) + " is not plausible");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            metadata.put(r.string("metadata key " + (i + 1)), r.string("metadata value " + (i + 1)));
        }
        Network network;
        try {
            network = builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(file + ": inconsistent architecture: " + e.getMessage());
        }
        for (Parameter p : network.parameters()) {
            int at = r.position();
            int count = r.u32(p.name() + " element count");
            if (count != p.size()) {
                throw new ModelFormatException(file + ": byte " + at + ": " + p.name() + " holds "
                        + Integer.toUnsignedString(count) + " values, the architecture needs " + p.size() + " ("
                        + p.rows() + "x" + p.cols() + ")");
            }
            r.floats(p.values(), p.name());
        }
        int crcAt = r.position();
        int stored = r.u32("the checksum");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        if (stored != (int) crc.getValue()) {
            throw new ModelFormatException(String.format("%s: checksum mismatch at byte %d: stored %08x, computed"
                    + " %08x: the file is corrupt", file, crcAt, stored, (int) crc.getValue()));
        }
        if (r.position() != bytes.length) {
            throw new ModelFormatException(file + ": " + (bytes.length - r.position())
                    + " unexpected bytes after the checksum at byte " + r.position());
        }
        return new Model(network, metadata);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X ", x & 0xFF));
        }
        return s.toString().trim();
    }

    /** A growable little-endian byte buffer. */
    private static final class Writer {
        byte[] buffer = new byte[1024];
        int size;

        void ensure(int extra) {
            if (size + extra > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        void u32(int v) {
            ensure(4);
            ByteBuffer.wrap(buffer, size, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
            size += 4;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("string too long for a model file (" + b.length + " bytes)");
            }
            ensure(2 + b.length);
            ByteBuffer.wrap(buffer, size, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) b.length);
            size += 2;
            bytes(b);
        }

        void floats(float[] v) {
            ensure(Math.multiplyExact(v.length, 4));
            ByteBuffer.wrap(buffer, size, v.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
            size += v.length * 4;
        }
    }

    /** Reads little-endian fields, naming the file, the field and the byte offset when bytes run out. */
    private static final class Reader {
        private final ByteBuffer buf;
        private final String file;

        Reader(byte[] bytes, String file) {
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.file = file;
        }

        int position() {
            return buf.position();
        }

        private void need(int n, String what) throws ModelFormatException {
            if (buf.remaining() < n) {
                throw new ModelFormatException(file + ": truncated at byte " + buf.position() + " while reading "
                        + what + ": needs " + n + " bytes, " + buf.remaining() + " remain (file size "
                        + buf.limit() + ")");
            }
        }

        byte[] bytes(int n, String what) throws ModelFormatException {
            need(n, what);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        int u32(String what) throws ModelFormatException {
            need(4, what);
            return buf.getInt();
        }

        int positive(String what) throws ModelFormatException {
            int at = buf.position();
            int v = u32(what);
            if (v < 1) {
                throw new ModelFormatException(file + ": byte " + at + ": " + what + " must be >= 1, was "
                        + Integer.toUnsignedString(v));
            }
            return v;
        }

        String string(String what) throws ModelFormatException {
            need(2, what);
            int len = buf.getShort() & 0xFFFF;
            need(len, what);
            byte[] b = new byte[len];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        void floats(float[] into, String what) throws ModelFormatException {
            need(Math.multiplyExact(into.length, 4), what);
            buf.asFloatBuffer().get(into);
            buf.position(buf.position() + into.length * 4);
        }
    }
}
