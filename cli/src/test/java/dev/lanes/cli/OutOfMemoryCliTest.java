package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the 64 MiB heap of the "hostile" execution: an OutOfMemoryError reaches the user as one line that says
 * what was being allocated, the heap limit and the -Xmx to try, with exit code 1 (before: a JVM stack trace).
 */
@Tag("hostile")
class OutOfMemoryCliTest {

    @TempDir
    Path dir;

    @Test
    void aHiddenNetworkLargerThanTheHeapIsRefusedWithItsSizeBeforeAllocating() throws IOException {
        Path data = tinyMnistLayout(dir.resolve("tiny"));
        // 784 x 100,000 weights are 314 MB: more than the whole heap, known from the options alone.
        CliRun r = CliRun.of("train", "--data", data.toString(), "--hidden", "100000", "--optimizer", "adam",
                "--epochs", "1", "--out", dir.resolve("m.lnn").toString());
        assertEquals(Lanes.FAILURE, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("lanes: error: --hidden 100000: the network's 79,500,010 parameters need 1\\.2 GiB"
                + " of heap to train \\(weights, gradients and adam's two moments\\), more than this JVM's maximum"
                + " heap of \\d+ MiB: run java with -Xmx2g or more \\(with the launcher: LANES_JAVA_OPTS=-Xmx2g lanes"
                + " train \\.\\.\\.\\)\\n"), r.err());
    }

    @Test
    void aNetworkLargerThanTheHeapIsOneClearLine() throws IOException {
        Path data = tinyMnistLayout(dir.resolve("tiny"));
        // 784 x 100,000 weights are 314 MB: more than the whole heap (--layers: no estimate before building).
        CliRun r = CliRun.of("train", "--data", data.toString(), "--layers", "dense:100000:relu,dense:10", "--epochs",
                "1", "--out", dir.resolve("m.lnn").toString());
        assertEquals(Lanes.FAILURE, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("lanes: error: out of memory \\(Java heap space\\) in lanes train while allocating"
                + " the network's parameters; this JVM's maximum heap is \\d+ MiB: give it a larger heap, e.g."
                + " LANES_JAVA_OPTS=-Xmx2g lanes train \\.\\.\\. \\(java -Xmx2g \\.\\.\\. without the launcher\\), or make"
                + " the job smaller \\(--hidden, --batch, the data set, the image\\)\\n"),
                r.err());
    }

    @Test
    void aDataSetLargerThanTheHeapIsRefusedWithTheHeapToGiveTheLauncher() throws IOException {
        Path data = tinyMnistLayout(dir.resolve("big"));
        // 30,000 images of 28x28 as floats are 90 MiB, more than the whole heap; gzip keeps the file small.
        int count = 30_000;
        Path images = data.resolve("train-images-idx3-ubyte");
        Files.delete(images);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(data.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(28).putInt(28).array());
            byte[] image = new byte[784];
            for (int i = 0; i < count; i++) {
                out.write(image);
            }
        }
        Files.write(data.resolve("train-labels-idx1-ubyte"), labels(count));
        CliRun r = CliRun.of("train", "--data", data.toString(), "--epochs", "1", "--out",
                dir.resolve("m.lnn").toString());
        assertEquals(Lanes.FAILURE, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("lanes: error: .*train-images-idx3-ubyte\\.gz: the pixels of 30,000 images of"
                + " 28x28 need 90 MiB of heap \\(23,520,000 floats\\), more than this JVM's maximum heap of \\d+ MiB:"
                + " run java with (-Xmx\\d+[mg]) or more \\(with the launcher: LANES_JAVA_OPTS=\\1 lanes train"
                + " \\.\\.\\.\\)\\n"), r.err());
    }

    /** The four MNIST-layout files with 4 training and 2 test images of 28x28. */
    private static Path tinyMnistLayout(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(4));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(4));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(2));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(2));
        return dir;
    }

    private static byte[] images(int count) {
        return ByteBuffer.allocate(16 + count * 784).putInt(0x803).putInt(count).putInt(28).putInt(28).array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }
}
