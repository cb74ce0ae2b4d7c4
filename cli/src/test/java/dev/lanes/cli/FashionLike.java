package dev.lanes.cli;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A synthetic stand-in for Fashion-MNIST, for tests that must not depend on the real files: 28x28 pictures of
 * light objects on black that fill the field from top to bottom (as Fashion-MNIST's products do, and unlike
 * MNIST's 20x20 digit box), class c a block of width 4 + 2c with a class-dependent, noisy level, moved
 * sideways at random. Pixels are bytes, as in an IDX file.
 */
public final class FashionLike {

    /** The class names, as Fashion-MNIST's. */
    public static final List<String> CLASS_NAMES = DataSets.FASHION_CLASS_NAMES;

    private FashionLike() {
    }

    /** {@code labels.length} pictures, 784 bytes each, of the classes in {@code labels}. */
    static byte[] pixels(int[] labels, Random random) {
        byte[] pixels = new byte[labels.length * 784];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            int width = 4 + 2 * c;
            int left = (28 - width) / 2 + random.nextInt(5) - 2;
            left = Math.clamp(left, 0, 28 - width);
            for (int r = 0; r < 28; r++) {
                for (int col = left; col < left + width; col++) {
                    int level = 90 + 12 * c + random.nextInt(40);
                    pixels[i * 784 + r * 28 + col] = (byte) Math.min(255, level);
                }
            }
        }
        return pixels;
    }

    /** A data set of {@code count} pictures, classes in turn. */
    public static Dataset dataset(int count, long seed) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        byte[] bytes = pixels(labels, new Random(seed));
        float[] x = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            x[i] = (bytes[i] & 0xFF) / 255f;
        }
        return Dataset.of("fashion-like", 28, 28, x, labels, CLASS_NAMES);
    }

    /**
     * Writes the four standard IDX files of {@code train} training and {@code test} test pictures into
     * {@code dir} (created; its name contains "fashion", so the classes get Fashion-MNIST's names).
     */
    public static Path writeIdx(Path dir, int train, int test, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        write(dir, "train", train, random);
        write(dir, "t10k", test, random);
        return dir;
    }

    private static void write(Path dir, String prefix, int count, Random random) throws IOException {
        int[] labels = new int[count];
        byte[] labelBytes = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
            labelBytes[i] = (byte) labels[i];
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(0x0803, pixels(labels, random), count, 28, 28));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(0x0801, labelBytes, count));
    }

    /** An IDX file of unsigned bytes: the magic number, each size as a big-endian int, then the data. */
    private static byte[] idx(int magic, byte[] data, int... sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int size : sizes) {
            out.writeInt(size);
        }
        out.write(data);
        return bytes.toByteArray();
    }
}
