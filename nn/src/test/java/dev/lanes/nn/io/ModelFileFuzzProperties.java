package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Allocation;
import dev.lanes.nn.Network;
import dev.lanes.nn.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The model reader against hostile files, under a 64 MiB heap (the "hostile" surefire execution): random
 * bytes, bit flips and cuts of valid files, and forged fields with the checksum recomputed (as a forger would),
 * version 2 and version 1. Every outcome is a network or a {@link ModelFormatException} naming the file;
 * anything else (OutOfMemoryError, NegativeArraySizeException, an unchecked exception) fails. Each load
 * allocates at most a few times the file's length (the network built from it: values, no gradients, plus the
 * header's strings) plus fixed buffers.
 */
@Tag("hostile")
class ModelFileFuzzProperties {

    /** Class initialisation on the first load, messages, the layer objects of a tiny network. */
    private static final long FIXED_ALLOCATION = 1 << 20;

    private static final byte[][] VALID = {
        valid(Network.builder().input(7).dense(5, Activation.TANH).dense(3, Activation.SOFTMAX).seed(1).build()),
        valid(Network.builder().input(Shape.image(2, 6, 6)).layers("conv:3:3:relu,maxpool:2,batchnorm,dense:4:sigmoid")
                .seed(2).build()),
        resource("v1-gelu-sigmoid-mse.lnn")};

    private static byte[] valid(Network net) {
        return ModelFile.toBytes(net, Map.of("k", "v"));
    }

    private static byte[] resource(String name) {
        try (var in = ModelFileFuzzProperties.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name, e);
        }
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes, @ForAll boolean magic, @ForAll boolean version2) {
        if (magic && bytes.length >= 12) {
            System.arraycopy(ModelFile.MAGIC, 0, bytes, 0, 8);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, version2 ? 2 : 1);
        }
        loadHostile(bytes);
        loadHostile(withChecksum(bytes));
    }

    @Property(tries = 300)
    void bitFlipsOfValidFiles(@ForAll @IntRange(max = 2) int which, @ForAll @IntRange(min = 1, max = 4) int flips,
                              @ForAll boolean fixChecksum, @ForAll Random random) {
        byte[] file = VALID[which].clone();
        for (int f = 0; f < flips; f++) {
            int bit = random.nextInt((file.length - 4) * 8);
            file[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        loadHostile(fixChecksum ? withChecksum(file) : file);
    }

    @Property(tries = 200)
    void cutsOfValidFiles(@ForAll @IntRange(max = 2) int which, @ForAll Random random) {
        byte[] file = VALID[which];
        loadHostile(Arrays.copyOf(file, random.nextInt(file.length)));
    }

    /** A u32 field of a valid file set to a value a forger would pick, the checksum recomputed. */
    @Property(tries = 400)
    void forgedFields(@ForAll @IntRange(max = 2) int which, @ForAll("size") int value, @ForAll Random random) {
        byte[] file = VALID[which].clone();
        int at = 8 + 4 * random.nextInt((file.length - 12) / 4);
        at = Math.min(at + random.nextInt(4), file.length - 8);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        loadHostile(withChecksum(file));
    }

    @Provide
    Arbitrary<Integer> size() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(1 << 16, 1 << 20, 1 << 24, 1 << 30, Integer.MAX_VALUE - 8, Integer.MAX_VALUE,
                        Integer.MIN_VALUE, -1, 46_341, 1_000_000),
                Arbitraries.integers());
    }

    private static byte[] withChecksum(byte[] b) {
        if (b.length < 4) {
            return b;
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    private static void loadHostile(byte[] bytes) {
        long before = Allocation.current();
        try {
            Network net = ModelFile.fromBytes(bytes, "fuzz.lnn").network();
            assertTrue(4L * net.parameters().stream().mapToLong(p -> p.size()).sum() <= bytes.length,
                    "more parameters than the file holds");
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage().startsWith("fuzz.lnn: "), e.getMessage());
        }
        long allocated = Allocation.current() - before;
        assertTrue(allocated <= 4L * bytes.length + FIXED_ALLOCATION, "allocated " + allocated
                + " bytes loading a file of " + bytes.length + " bytes");
    }
}
