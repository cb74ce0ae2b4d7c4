package dev.lanes.nn.data;

import dev.lanes.nn.Allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.nn.io.InsufficientHeapException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The IDX reader against hostile files, under a 64 MiB heap (the "hostile" surefire execution): random bytes,
 * bit flips and cuts of valid files, forged headers and gzip bombs. Every outcome is a result consistent with
 * its header, an {@link IdxFormatException} or an {@link InsufficientHeapException} naming the file; anything
 * else (OutOfMemoryError, NegativeArraySizeException, a bare IOException) fails. Each read allocates at most 4
 * bytes per byte the file can hold (its length raw, 1032 times it gzip) plus fixed buffers.
 */
@Tag("hostile")
class IdxFuzzProperties {

    private static final Path DIR;
    /** Read buffers, class initialisation on the first read, messages. */
    private static final long FIXED_ALLOCATION = 2 << 20;

    static {
        try {
            DIR = Files.createTempDirectory("idx-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void deleteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 300) byte[] bytes, @ForAll boolean gzipMagic, @ForAll boolean labels,
                     @ForAll @IntRange(min = 1, max = 256) int classes) {
        if (gzipMagic && bytes.length >= 2) {
            bytes[0] = 0x1f;
            bytes[1] = (byte) 0x8b;
        }
        readHostile(bytes, labels, classes);
    }

    @Property(tries = 300)
    void bitFlipsOfValidFiles(@ForAll @IntRange(min = 1, max = 30) int count, @ForAll @IntRange(min = 1, max = 9) int side,
                              @ForAll boolean gzip, @ForAll boolean labels,
                              @ForAll @IntRange(min = 1, max = 4) int flips, @ForAll Random random) {
        byte[] file = valid(count, side, gzip, labels, random);
        for (int f = 0; f < flips; f++) {
            int bit = random.nextInt(file.length * 8);
            file[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        readHostile(file, labels, 10);
    }

    @Property(tries = 200)
    void cutsOfValidFiles(@ForAll @IntRange(min = 1, max = 30) int count, @ForAll @IntRange(min = 1, max = 9) int side,
                          @ForAll boolean gzip, @ForAll boolean labels, @ForAll Random random) {
        byte[] file = valid(count, side, gzip, labels, random);
        readHostile(Arrays.copyOf(file, random.nextInt(file.length)), labels, 10);
    }

    @Property(tries = 300)
    void forgedHeaders(@ForAll("size") int count, @ForAll("size") int rows, @ForAll("size") int cols,
                       @ForAll @IntRange(max = 2_000) int bodyLength, @ForAll boolean gzip, @ForAll boolean labels,
                       @ForAll Random random) {
        byte[] body = new byte[bodyLength];
        random.nextBytes(body);
        byte[] header = labels ? IdxBytes.header(IdxReader.LABELS_MAGIC, count)
                : IdxBytes.header(IdxReader.IMAGES_MAGIC, count, rows, cols);
        byte[] raw = IdxBytes.concat(header, body);
        readHostile(gzip ? IdxBytes.gzip(raw) : raw, labels, 256);
    }

    @Property(tries = 40)
    void gzipBombs(@ForAll("size") int count, @ForAll("size") int rows, @ForAll("size") int cols,
                   @ForAll @IntRange(max = 12) int megabytesOfZeros, @ForAll boolean labels) throws IOException {
        Path file = DIR.resolve("bomb.gz");
        byte[] header = labels ? IdxBytes.header(IdxReader.LABELS_MAGIC, count)
                : IdxBytes.header(IdxReader.IMAGES_MAGIC, count, rows, cols);
        IdxBytes.gzipBomb(file, header, megabytesOfZeros);
        readHostile(file, labels, 256);
    }

    /** Sizes a forger would pick: tiny, plausible, at the int and array limits, above them (negative as int). */
    @Provide
    Arbitrary<Integer> size() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.of(1 << 16, 1 << 20, 1 << 24, 1 << 30, Integer.MAX_VALUE - 8, Integer.MAX_VALUE,
                        Integer.MIN_VALUE, -1, 46_341),
                Arbitraries.integers());
    }

    private static byte[] valid(int count, int side, boolean gzip, boolean labels, Random random) {
        byte[] raw;
        if (labels) {
            byte[] y = new byte[count];
            for (int i = 0; i < count; i++) {
                y[i] = (byte) random.nextInt(10);
            }
            raw = IdxBytes.labels(y);
        } else {
            byte[] pixels = new byte[count * side * side];
            random.nextBytes(pixels);
            raw = IdxBytes.images(count, side, side, pixels);
        }
        return gzip ? IdxBytes.gzip(raw) : raw;
    }

    private static void readHostile(byte[] content, boolean labels, int classes) {
        Path file = DIR.resolve("input");
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readHostile(file, labels, classes);
    }

    private static void readHostile(Path file, boolean labels, int classes) {
        long length;
        boolean gzip;
        try {
            length = Files.size(file);
            byte[] start = new byte[2];
            try (var in = Files.newInputStream(file)) {
                gzip = in.readNBytes(start, 0, 2) == 2 && start[0] == 0x1f && start[1] == (byte) 0x8b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long holdable = gzip ? length * IdxReader.MAX_INFLATE_RATIO : length;
        long before = Allocation.current();
        try {
            if (labels) {
                int[] y = IdxReader.readLabels(file, classes);
                assertTrue(8L + y.length <= holdable, "more labels than the file holds");
                for (int label : y) {
                    if (label < 0 || label >= classes) {
                        fail("label " + label); // built only on failure: a million labels must not allocate
                    }
                }
            } else {
                IdxReader.Images x = IdxReader.readImages(file);
                assertEquals((long) x.count() * x.rows() * x.cols(), x.pixels().length);
                assertTrue(16L + x.pixels().length <= holdable, "more pixels than the file holds");
            }
        } catch (IdxFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertEquals(file.toString(), e.source());
            assertTrue(e.offset() >= 0 && e.offset() <= holdable, "offset " + e.offset() + ": " + e.getMessage());
        } catch (InsufficientHeapException e) {
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("-Xmx"), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError("an undocumented IOException: " + e, e);
        }
        long allocated = Allocation.current() - before;
        assertTrue(allocated <= 4 * holdable + FIXED_ALLOCATION, "allocated " + allocated + " bytes reading a "
                + (gzip ? "gzip" : "raw") + " file of " + length + " bytes");
    }
}
