package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic saves: every legal name saves (the temporary name stays short), a save killed with SIGKILL leaves a
 * temporary file that the next save of that name removes, and {@link AtomicFile#checkWritable} says what is
 * wrong with a target before any work.
 */
class AtomicFileTest {

    @TempDir
    Path dir;

    /** A name of exactly {@code bytes} UTF-8 bytes ending in ".lnn", made of {@code unit} as far as it fits. */
    private static String name(int bytes, String unit) {
        StringBuilder s = new StringBuilder();
        while (s.toString().getBytes(StandardCharsets.UTF_8).length + unit.getBytes(StandardCharsets.UTF_8).length
                <= bytes - 4) {
            s.append(unit);
        }
        while (s.toString().getBytes(StandardCharsets.UTF_8).length < bytes - 4) {
            s.append('m');
        }
        return s + ".lnn";
    }

    @Test
    void namesUpToTheFileSystemLimitSave() throws IOException {
        Network net = Network.builder().input(3).dense(2, Activation.SOFTMAX).seed(1).build();
        Object[][] names = {{237, "m"}, {250, "m"}, {255, "m"}, {255, "é"}, {255, "模"}};
        for (Object[] n : names) {
            String name = name((int) n[0], (String) n[1]);
            assertEquals(n[0], name.getBytes(StandardCharsets.UTF_8).length);
            Path file = dir.resolve(name);
            AtomicFile.checkWritable(file);
            ModelFile.save(net, Map.of(), file);
            assertArrayEquals(net.predict(new float[] {1, 2, 3}),
                    ModelFile.load(file).predict(new float[] {1, 2, 3}), name);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(5, files.count(), "the models and no temporary file");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = Files.writeString(dir.resolve("m.lnn"), "the old model");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write(ByteBuffer.wrap(new byte[1000]));
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("the old model", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void checkWritableSaysWhatIsWrongBeforeAnyWork() throws IOException {
        Path file = dir.resolve("m.lnn");
        AtomicFile.checkWritable(file);
        assertFalse(Files.exists(file), "the check writes nothing at the target");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nor beside it");
        }
        assertEquals("directory " + dir.resolve("missing") + " does not exist", assertThrows(IOException.class,
                () -> AtomicFile.checkWritable(dir.resolve("missing").resolve("m.lnn"))).getMessage());
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertEquals(plain + " is not a directory, so " + plain.resolve("m.lnn") + " cannot be created in it",
                assertThrows(IOException.class, () -> AtomicFile.checkWritable(plain.resolve("m.lnn"))).getMessage());
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertEquals(sub + " is a directory, not a file",
                assertThrows(IOException.class, () -> AtomicFile.checkWritable(sub)).getMessage());
        Path tooLong = dir.resolve(name(256, "m"));
        assertEquals(tooLong + ": File name too long (the name is 256 bytes)",
                assertThrows(IOException.class, () -> AtomicFile.checkWritable(tooLong)).getMessage());
    }

    /**
     * The JDK's exceptions carry only the path here (Linux's /proc refuses new files with ENOENT, /sys with
     * EACCES, also to root): the message must say why instead of repeating the path.
     */
    @Test
    void aDirectoryThatTakesNoNewFilesIsNamedWithTheReason() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")) && Files.isDirectory(Path.of("/sys/kernel")),
                "needs Linux's /proc and /sys");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.checkWritable(Path.of("/proc/m.lnn")));
        assertEquals("cannot create files in /proc to write m.lnn: no such file or directory (the file system takes"
                + " no new files there)", e.getMessage());
        e = assertThrows(IOException.class, () -> AtomicFile.checkWritable(Path.of("/sys/m.lnn")));
        assertEquals("cannot create files in /sys to write m.lnn: permission denied", e.getMessage());
    }

    @Test
    void aSaveKilledMidwayLeavesATemporaryThatTheNextSaveOfThatNameRemoves() throws Exception {
        Path target = dir.resolve("model.lnn");
        Path other = dir.resolve("other.lnn");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath(), KilledWriter.class.getName(),
                target.toString(), other.toString())
                .redirectErrorStream(true)
                .start();
        try {
            // The writer prints once both temporary files hold data and it is blocked inside the write.
            String line = new String(writer.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            assertEquals("ready\n", line);
        } finally {
            writer.destroyForcibly(); // SIGKILL: no finally block of the writer runs
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        List<Path> left = temporaries();
        assertEquals(2, left.size(), "the killed writer left one temporary per target: " + left);

        // A live process's temporary (ours) must survive: it may be in the middle of a save.
        Path ours = dir.resolve(AtomicFile.stem(target.toAbsolutePath()) + ProcessHandle.current().pid() + "-999.tmp");
        Files.writeString(ours, "in progress");
        AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        List<Path> after = temporaries();
        assertEquals(2, after.size(), after.toString());
        assertTrue(after.contains(ours), "a live process's temporary stays");
        assertTrue(after.stream().anyMatch(p -> p.getFileName().toString().startsWith(".other.lnn~")),
                "another target's temporary stays until that target is saved");
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static String classpath() throws URISyntaxException {
        return Path.of(AtomicFile.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + Path.of(KilledWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Starts an atomic write of each target, then blocks inside the last one until killed. */
    public static final class KilledWriter {
        public static void main(String[] args) throws IOException {
            Thread first = new Thread(() -> blockInWrite(Path.of(args[1]), false));
            first.setDaemon(true);
            first.start();
            blockInWrite(Path.of(args[0]), true);
        }

        private static void blockInWrite(Path target, boolean announce) {
            try {
                AtomicFile.write(target, out -> {
                    out.write(ByteBuffer.wrap(new byte[1 << 16]));
                    if (announce) {
                        while (!twoTemporaries(target.toAbsolutePath().getParent())) {
                            Thread.onSpinWait();
                        }
                        System.out.print("ready\n");
                        System.out.flush();
                    }
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            // keep blocking
                        }
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static boolean twoTemporaries(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                        .filter(p -> {
                            try {
                                return Files.size(p) > 0;
                            } catch (IOException e) {
                                return false;
                            }
                        }).count() == 2;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
