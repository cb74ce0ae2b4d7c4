package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading MNIST-layout directories: file lookup, gzip or raw, class names, and what a missing file says. */
class DataSetsTest {

    private static final String EXPECTED_FILES = "train-images-idx3-ubyte, train-labels-idx1-ubyte,"
            + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each optionally with .gz)";

    @TempDir
    Path tmp;

    /** Writes a tiny MNIST-layout set: 3 training and 2 test images of {@code side x side}. */
    private static Path writeSet(Path dir, boolean gzip, int testSide) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train-images-idx3-ubyte", IdxBytes.images(3, 2, 2, new byte[12]), gzip);
        write(dir, "train-labels-idx1-ubyte", IdxBytes.labels(new byte[] {0, 5, 9}), gzip);
        write(dir, "t10k-images-idx3-ubyte",
                IdxBytes.images(2, testSide, testSide, new byte[2 * testSide * testSide]), gzip);
        write(dir, "t10k-labels-idx1-ubyte", IdxBytes.labels(new byte[] {1, 2}), gzip);
        return dir;
    }

    private static void write(Path dir, String name, byte[] raw, boolean gzip) throws IOException {
        Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? IdxBytes.gzip(raw) : raw);
    }

    @Test
    void loadsRawAndGzipDirectories() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path dir = writeSet(tmp.resolve("set-" + gzip), gzip, 2);
            DataSets.TrainTest t = DataSets.load(dir.toString());
            assertEquals(3, t.train().size());
            assertEquals(2, t.test().size());
            assertArrayEquals(new int[] {0, 5, 9}, t.train().labels());
            assertEquals("set-" + gzip + "/train", t.train().name());
            assertEquals("set-" + gzip + "/test", t.test().name());
            assertEquals(DataSets.DIGIT_CLASS_NAMES, t.test().classNames());
        }
    }

    @Test
    void rawFileWinsOverItsGzipTwin() throws IOException {
        Path dir = writeSet(tmp.resolve("both"), false, 2);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[] {1, 2, 3}); // would fail if read
        assertEquals(3, DataSets.load(dir).train().size());
    }

    @Test
    void fashionNamesComeFromTheDirectoryOrItsParent() throws IOException {
        assertEquals(DataSets.FASHION_CLASS_NAMES,
                DataSets.load(writeSet(tmp.resolve("Fashion-MNIST"), true, 2)).train().classNames());
        assertEquals("Sandal",
                DataSets.load(writeSet(tmp.resolve("fashion").resolve("raw"), false, 2)).test().className(5));
        assertEquals("5", DataSets.load(writeSet(tmp.resolve("mnist"), false, 2)).test().className(5));
        List<String> letters = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertEquals("f", DataSets.load(writeSet(tmp.resolve("x"), false, 2), letters).train().className(5));
    }

    @Test
    void missingDirectoryListsWhatWasExpected() {
        Path nowhere = tmp.resolve("nowhere");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> DataSets.load(nowhere.toString()));
        assertEquals(nowhere + ": no such directory; expected \"digits\" (the bundled MNIST subset) or a directory"
                + " holding " + EXPECTED_FILES, e.getMessage());
    }

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path file = Files.write(tmp.resolve("file"), new byte[1]);
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> DataSets.load(file));
        assertEquals(file + ": not a directory; expected \"digits\" (the bundled MNIST subset) or a directory"
                + " holding " + EXPECTED_FILES, e.getMessage());
    }

    @Test
    void missingFilesAreAllListed() throws IOException {
        Path dir = writeSet(tmp.resolve("partial"), true, 2);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> DataSets.load(dir));
        assertEquals(dir + ": missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]; an MNIST-layout"
                + " directory holds " + EXPECTED_FILES, e.getMessage());
    }

    @Test
    void trainAndTestImagesMustHaveOneShape() throws IOException {
        Path dir = writeSet(tmp.resolve("mixed"), false, 3);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> DataSets.load(dir));
        Path test = dir.resolve("t10k-images-idx3-ubyte");
        assertEquals(test + ": images of 3x3 at bytes 8 to 15, but the training images "
                + dir.resolve("train-images-idx3-ubyte") + " are 2x2", e.getMessage());
        assertEquals(8, e.offset());
    }

    @Test
    void errorsInsideADirectoryNameTheFile() throws IOException {
        Path dir = writeSet(tmp.resolve("bad"), true, 2);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.write(labels, IdxBytes.gzip(IdxBytes.labels(new byte[] {1, 10})));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> DataSets.load(dir));
        assertEquals(labels + ": label 10 at decompressed byte 9 is out of range: expected 0 to 9 (10 classes)"
                + " for example 1", e.getMessage());
    }
}
