package dev.lanes.nn.io;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Layer;
import dev.lanes.nn.LayerSpec;
import dev.lanes.nn.LayerTypes;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.ParameterSource;
import dev.lanes.nn.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Saves and loads networks in the lanes model format, version 2 (docs/model-format.md; all integers and floats
 * little-endian, strings a u16 byte length and UTF-8):
 * <pre>
 * magic        8 bytes   89 4C 4E 4E 0D 0A 1A 0A  ("\x89LNN\r\n\x1a\n": catches text-mode and 7-bit damage)
 * version      u32       2
 * input shape  string    e.g. "784", "1x28x28" (channels x height x width), "28x28seq"
 * loss         string    e.g. "cross_entropy"
 * output f     string    the output activation, e.g. "softmax"
 * layers       u32       count, then per layer: string name, string type, u32 option count and per option
 *                        string key, string value, u32 tensor count and per tensor string name, u32 rank,
 *                        rank x u32 dimensions
 * metadata     u32       count, then per entry: string key, string value
 * tensors                every declared tensor's values in order, f32 each
 * checksum     u32       CRC32 of every byte before it
 * </pre>
 * Each layer is rebuilt from its type and options through {@link LayerTypes}, so a new layer type needs no
 * change here. Version 1 files (dense layers only) still load ({@link LegacyModelFile}).
 *
 * <p>Loading never allocates what a header merely claims: the file's length is checked against the heap, every
 * declared tensor against the bytes left in the file as the header is read, the data section's exact length
 * and the checksum before any layer is built, and each parameter a layer asks for against its declaration
 * before it is allocated. Saving is atomic ({@link AtomicFile}): the file is written under a temporary name in
 * the same directory, forced to disk and renamed over the target, so an existing model is never left
 * half-written; a model with NaN or infinite parameters is refused.
 */
public final class ModelFile {

    /** The format version this class writes. */
    public static final int VERSION = 2;

    static final byte[] MAGIC = {(byte) 0x89, 'L', 'N', 'N', '\r', '\n', 0x1A, '\n'};

    static final int MAX_LAYERS = 10_000;
    private static final int MAX_OPTIONS = 256;
    private static final int MAX_TENSORS_PER_LAYER = 64;
    private static final int MAX_RANK = 8;

    private ModelFile() {
    }

    /**
     * A loaded model: the network and the metadata saved with it.
     *
     * @param network the network, rebuilt from its layers' specs and tensors
     * @param metadata key-value pairs saved with the model (class names, data set, ...); may be empty
     */
    public record Model(Network network, Map<String, String> metadata) {
    }

    /**
     * Saves {@code network} with {@code metadata} (may be empty) to {@code path}, atomically.
     *
     * @param network the network to save
     * @param metadata key-value pairs saved with the model (class names, data set, ...); may be empty
     * @param path the model file
     * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
     * @throws IOException              if the file cannot be written (an existing file is then left as it was)
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

    /**
     * Saves {@code network} without metadata to {@code path}, atomically.
     *
     * @param network the network to save
     * @param path the model file
     * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
     * @throws IOException              if the file cannot be written (an existing file is then left as it was)
     */
    public static void save(Network network, Path path) throws IOException {
        save(network, Map.of(), path);
    }

    /**
     * Loads the network saved in {@code path} (by {@link #save}, or by version 1 of the format).
     *
     * @param path the model file
     * @return the network
     * @throws NoSuchFileException  if there is no such file
     * @throws ModelFormatException if the file is not a valid model, naming what is wrong and where
     */
    public static Network load(Path path) throws IOException {
        return loadModel(path).network();
    }

    /**
     * Loads a model saved by {@link #save} (or by version 1 of the format) with its metadata; a
     * {@link ModelFormatException} says what is wrong and where.
     *
     * @param path the model file
     * @return the network and its metadata
     * @throws NoSuchFileException  if there is no such file
     * @throws ModelFormatException if the file is not a regular file, too large for the heap, or not a valid
     *                              model (naming the byte offset)
     */
    public static Model loadModel(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelFormatException(path + ": not a regular file (a model is a file saved by lanes train)");
        }
        long size = Files.size(path);
        long heap = Runtime.getRuntime().maxMemory();
        // The bytes and the parameters built from them are both in memory while loading.
        if (size > Integer.MAX_VALUE - 8 || 2 * size > heap) {
            throw new ModelFormatException(String.format("%s: %,d bytes: too large to load with a heap of %,d bytes"
                    + " (loading needs about twice the file size; raise -Xmx)", path, size, heap));
        }
        return decode(Files.readAllBytes(path), path.toString());
    }

    /**
     * {@return the bytes {@link #save} writes, for stores other than a file system (e.g. Spark's model writers)}
     *
     * @param network the network to save
     * @param metadata key-value pairs saved with the model (class names, data set, ...); may be empty
     */
    public static byte[] toBytes(Network network, Map<String, String> metadata) {
        return encode(Objects.requireNonNull(network, "network"), Objects.requireNonNull(metadata, "metadata"));
    }

    /**
     * {@return a model from the bytes of a model file; {@code name} names it in error messages}
     *
     * @param bytes the whole content of a model file
     * @param name what to call the model in error messages (e.g. its path)
     * @throws ModelFormatException if the bytes are not a valid model, naming what is wrong and where
     */
    public static Model fromBytes(byte[] bytes, String name) throws ModelFormatException {
        return decode(Objects.requireNonNull(bytes, "bytes"), name);
    }

    static byte[] encode(Network network, Map<String, String> metadata) {
        ModelBytes.Writer w = new ModelBytes.Writer();
        w.bytes(MAGIC);
        w.u32(VERSION);
        w.string(network.inputShape().toString());
        w.string(network.loss().id());
        w.string(network.outputActivation().name());
        List<Layer> layers = network.layers();
        w.u32(layers.size());
        for (Layer layer : layers) {
            w.string(layer.name());
            LayerSpec spec = layer.spec();
            w.string(spec.type());
            w.u32(spec.options().size());
            for (Map.Entry<String, String> e : spec.options().entrySet()) {
                w.string(e.getKey());
                w.string(e.getValue());
            }
            w.u32(layer.parameters().size());
            for (Parameter p : layer.parameters()) {
                w.string(p.name());
                int[] dims = p.dims();
                w.u32(dims.length);
                for (int d : dims) {
                    w.u32(d);
                }
            }
        }
        w.u32(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            w.string(e.getKey());
            w.string(e.getValue());
        }
        for (Parameter p : network.parameters()) {
            w.floats(p.values());
        }
        CRC32 crc = new CRC32();
        crc.update(w.buffer(), 0, w.size());
        w.u32((int) crc.getValue());
        return Arrays.copyOf(w.buffer(), w.size());
    }

    static Model decode(byte[] bytes, String file) throws ModelFormatException {
        ModelBytes.Reader r = new ModelBytes.Reader(bytes, file);
        byte[] magic = r.bytes(MAGIC.length, "the magic number");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(file + ": not a lanes model file (the first bytes are "
                    + hex(magic) + ", a lanes model starts with " + hex(MAGIC) + ")");
        }
        int version = r.u32("the format version");
        if (version == 1) {
            return LegacyModelFile.decode(r, bytes);
        }
        if (version != VERSION) {
            throw new ModelFormatException(file + ": format version " + Integer.toUnsignedString(version)
                    + " at byte 8 is not supported: this lanes reads versions 1 and " + VERSION);
        }
        int at = r.position();
        Shape input;
        try {
            input = Shape.parse(r.string("the input shape"));
        } catch (IllegalArgumentException e) {
            throw r.error(at, e.getMessage());
        }
        at = r.position();
        Loss loss;
        try {
            loss = Loss.parse(r.string("the loss"));
        } catch (IllegalArgumentException e) {
            throw r.error(at, e.getMessage());
        }
        at = r.position();
        Activation outputActivation;
        try {
            outputActivation = Activation.parse(r.string("the output activation"));
        } catch (IllegalArgumentException e) {
            throw r.error(at, e.getMessage());
        }
        int layerCount = r.bounded("the layer count", 1, MAX_LAYERS);
        List<LayerEntry> entries = new ArrayList<>();
        long floats = 0;
        for (int l = 1; l <= layerCount; l++) {
            LayerEntry entry = readLayer(r, l);
            for (TensorEntry t : entry.tensors()) {
                floats += t.size();
                if (4 * floats > r.remaining()) {
                    throw r.error(t.at(), t.name() + " " + Arrays.toString(t.dims()) + ": the " + 4 * floats
                            + " bytes of parameters declared so far exceed the " + r.remaining()
                            + " bytes left in the file");
                }
            }
            entries.add(entry);
        }
        Map<String, String> metadata = readMetadata(r);
        int dataStart = r.position();
        checkDataLength(r, dataStart, 4 * floats);
        verifyChecksum(r, bytes);

        List<Layer> layers = new ArrayList<>();
        Shape shape = input;
        int next = dataStart;
        for (LayerEntry entry : entries) {
            Iterator<TensorEntry> declared = entry.tensors().iterator();
            int first = next;
            int[] offset = {first};
            ParameterSource fromFile = (name, role, following, dims) -> {
                if (!declared.hasNext()) {
                    throw new Mismatch(entry.at(), entry.name() + " asks for a parameter " + name
                            + " that the file does not declare");
                }
                TensorEntry t = declared.next();
                if (!t.name().equals(name) || !Arrays.equals(t.dims(), dims)) {
                    throw new Mismatch(t.at(), "the file declares " + t.name() + " " + Arrays.toString(t.dims())
                            + " where the layer has " + name + " " + Arrays.toString(dims));
                }
                Parameter p = new Parameter(name, role, dims);
                floatsAt(bytes, offset[0], p.values());
                offset[0] += 4 * p.size();
                return p;
            };
            try {
                Layer layer = LayerTypes.factory(entry.spec()).create(entry.name(), shape, fromFile);
                if (declared.hasNext()) {
                    throw new Mismatch(entry.at(), "the file declares more tensors for " + entry.name() + " than it has");
                }
                layers.add(layer);
                shape = layer.outputShape();
            } catch (Mismatch e) {
                throw r.error(e.at, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw r.error(entry.at(), "layer " + entry.name() + " (" + entry.spec() + ") on input " + shape + ": "
                        + e.getMessage());
            }
            next = offset[0];
        }
        try {
            return new Model(new Network(input, layers, outputActivation, loss), metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": inconsistent architecture: " + e.getMessage());
        }
    }

    /** One layer's header: where it starts, its name, spec and declared tensors. */
    private record LayerEntry(int at, String name, LayerSpec spec, List<TensorEntry> tensors) {
    }

    /** One declared tensor: where its declaration starts, its name and dimensions, its float count. */
    private record TensorEntry(int at, String name, int[] dims, long size) {
    }

    private static LayerEntry readLayer(ModelBytes.Reader r, int l) throws ModelFormatException {
        int at = r.position();
        String name = r.string("layer " + l + " name");
        String type = r.string("layer " + l + " type");
        int optionCount = r.bounded("layer " + l + " option count", 0, MAX_OPTIONS);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < optionCount; i++) {
            options.put(r.string("layer " + l + " option key"), r.string("layer " + l + " option value"));
        }
        int tensorCount = r.bounded("layer " + l + " tensor count", 0, MAX_TENSORS_PER_LAYER);
        List<TensorEntry> tensors = new ArrayList<>();
        for (int i = 0; i < tensorCount; i++) {
            int tensorAt = r.position();
            String tensor = r.string("layer " + l + " tensor name");
            int rank = r.bounded(tensor + " rank", 1, MAX_RANK);
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = r.bounded(tensor + " dimension " + (d + 1), 1, Integer.MAX_VALUE);
                size *= dims[d];
                if (size > Integer.MAX_VALUE - 8) {
                    throw r.error(tensorAt, tensor + " " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                            + "…: too large for one array");
                }
            }
            tensors.add(new TensorEntry(tensorAt, tensor, dims, size));
        }
        return new LayerEntry(at, name, new LayerSpec(type, options), tensors);
    }

    static Map<String, String> readMetadata(ModelBytes.Reader r) throws ModelFormatException {
        // Each entry takes at least 4 bytes (two empty strings).
        int entries = r.bounded("the metadata count", 0, r.remaining() / 4);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            metadata.put(r.string("metadata key " + (i + 1)), r.string("metadata value " + (i + 1)));
        }
        return metadata;
    }

    /** The data section must be exactly what the header declares, followed by the checksum. */
    static void checkDataLength(ModelBytes.Reader r, int dataStart, long dataBytes) throws ModelFormatException {
        long expected = dataBytes + 4;
        if (r.remaining() != expected) {
            throw new ModelFormatException(r.file() + ": the header declares " + dataBytes
                    + " bytes of parameters and a 4-byte checksum after byte " + dataStart + ", but "
                    + r.remaining() + " bytes follow (file size " + r.length() + ")"
                    + (r.remaining() < expected ? ": the file is truncated" : ""));
        }
    }

    static void verifyChecksum(ModelBytes.Reader r, byte[] bytes) throws ModelFormatException {
        int crcAt = bytes.length - 4;
        int stored = intAt(bytes, crcAt);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        if (stored != (int) crc.getValue()) {
            throw new ModelFormatException(String.format("%s: checksum mismatch at byte %d: stored %08x, computed"
                    + " %08x: the file is corrupt", r.file(), crcAt, stored, (int) crc.getValue()));
        }
    }

    static int intAt(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    static void floatsAt(byte[] bytes, int at, float[] into) {
        ByteBuffer.wrap(bytes, at, 4 * into.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(into);
    }

    /** A parameter a layer asks for that differs from the file's declaration, at a byte offset. */
    static final class Mismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final transient int at;

        Mismatch(int at, String message) {
            super(message);
            this.at = at;
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X ", x & 0xFF));
        }
        return s.toString().trim();
    }
}
