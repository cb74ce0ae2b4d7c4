package dev.lanes.nn.data;

import dev.lanes.nn.Allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.internal.HeapBudget;
import dev.lanes.nn.io.InsufficientHeapException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files built to exhaust memory, read under a 64 MiB heap (the "hostile" surefire execution): each is
 * refused with a message that names the file and the sizes, before the memory is spent, or read at the cost
 * of its result alone.
 */
@Tag("hostile")
class IdxHostileInputTest {

    private static final List<String> TEN = DataSets.DIGIT_CLASS_NAMES;

    @TempDir
    Path dir;

    @Test
    void runsUnderASmallHeap() {
        assertTrue(HeapBudget.maxHeap() <= 128L << 20, "this group runs with -Xmx64m, not "
                + HeapBudget.bytes(HeapBudget.maxHeap()));
    }

    @Test
    void twoMegabyteGzipThatInflatesToTwoGigabytesIsRefusedBeforeInflating() throws IOException {
        Path bomb = dir.resolve("train-images-idx3-ubyte.gz");
        IdxBytes.gzipBomb(bomb, IdxBytes.header(0x00000803, 2_100, 1_000, 1_000), 2_003);
        assertTrue(Files.size(bomb) < 2_200_000, "bomb of " + Files.size(bomb) + " bytes");
        Path labels = Files.write(dir.resolve("labels"), IdxBytes.labels(new byte[] {1}));
        long before = Allocation.current();
        InsufficientHeapException e = assertThrows(InsufficientHeapException.class,
                () -> DataSets.read("bomb", bomb, labels, TEN));
        assertTrue(Allocation.current() - before < 1 << 20, "allocated " + (Allocation.current() - before));
        assertEquals(8_400_000_000L, e.bytesNeeded());
        assertTrue(e.getMessage().startsWith(bomb + ": the pixels of 2,100 images of 1000x1000 need 7.8 GiB of heap"
                + " (2,100,000,000 floats), more than this JVM's maximum heap of "), e.getMessage());
        assertTrue(e.getMessage().matches(".*: run java with -Xmx\\d+g or more"), e.getMessage());
        // The same bomb as a stream of unknown length: the heap bound alone refuses it.
        try (InputStream in = Files.newInputStream(bomb)) {
            assertThrows(InsufficientHeapException.class, () -> IdxReader.readImages(in, "stream"));
        }
    }

    @Test
    void aDataSetLargerThanTheHeapIsRefusedWithItsSize() throws IOException {
        // 20 MB of pixels are 80 MB of floats: more than the whole heap.
        Path images = IdxBytes.zeroImages(dir.resolve("big"), 25_000, 28, 28);
        Path labels = Files.write(dir.resolve("labels"), IdxBytes.labels(new byte[25_000]));
        InsufficientHeapException e = assertThrows(InsufficientHeapException.class,
                () -> DataSets.read("big", images, labels, TEN));
        assertTrue(e.getMessage().startsWith(images + ": the pixels of 25,000 images of 28x28 need 75 MiB of heap"
                + " (19,600,000 floats), more than this JVM's maximum heap of "), e.getMessage());
    }

    @Test
    void readingCostsTheResultAndNoMore() throws IOException {
        int count = 4096;
        int pixels = count * 1024;
        byte[] content = new byte[pixels];
        new java.util.Random(5).nextBytes(content);
        Path images = Files.write(dir.resolve("images"), IdxBytes.images(count, 32, 32, content));
        Path gzip = Files.write(dir.resolve("images.gz"), IdxBytes.gzip(Files.readAllBytes(images)));
        content = null;
        Path labels = Files.write(dir.resolve("labels"), IdxBytes.labels(new byte[count]));
        // The first read initialises classes (about 1 MiB, once per JVM): not what is measured.
        IdxReader.readImages(Files.write(dir.resolve("warm.gz"), IdxBytes.gzip(IdxBytes.images(1, 2, 2, new byte[4]))));
        for (Path file : List.of(images, gzip)) {
            long before = Allocation.current();
            Dataset d = DataSets.read("d", file, labels, TEN);
            long allocated = Allocation.current() - before;
            assertEquals(count, d.size());
            // The floats (16 MiB) and the labels (16 KiB) plus the 64 KiB read buffers: no byte copy of the
            // file, no growth, no second array.
            long result = 4L * pixels + 4L * count;
            assertTrue(allocated < result + (512 << 10), file + ": allocated " + allocated + " bytes for a "
                    + result + "-byte result");
        }
    }

    @Test
    void gzipThatInflatesBeyondItsDeclaredSizeStopsRightAfterIt() throws IOException {
        Path bomb = dir.resolve("tail.gz");
        IdxBytes.gzipBomb(bomb, IdxBytes.images(1, 2, 2, new byte[4]), 200);
        long before = Allocation.current();
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(bomb));
        assertTrue(Allocation.current() - before < 1 << 20, "allocated " + (Allocation.current() - before));
        assertEquals(bomb + ": unexpected data at decompressed byte 20: expected the data to end after 1 images"
                + " of 2x2 (20 bytes)", e.getMessage());
    }
}
