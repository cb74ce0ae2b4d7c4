package dev.lanes.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Replaces a file all at once: the content is written to a temporary file in the same directory, forced to
 * disk, renamed over the target and the directory forced, so a reader (or a crash, or a full disk) sees the
 * old file or the new one, never a mix.
 *
 * <p>The temporary name is {@code .<up to 64 bytes of the name>~<CRC-32 of the name>.<pid>-<n>.tmp}, at most
 * 118 bytes whatever the target's length, so every name the file system allows (255 bytes on the common ones)
 * can be saved. A write first deletes the temporary files of the same target left by processes that no longer
 * run on this machine (a kill during a save); files of a live process are left alone, as it may be saving.
 */
public final class AtomicFile {

    /** What a write puts into the temporary file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content to {@code out}.
         *
         * @param out the temporary file, positioned at 0
         * @throws IOException if writing fails
         */
        void writeTo(WritableByteChannel out) throws IOException;
    }

    /** Bytes of the target's name kept in the temporary name, for people listing the directory. */
    private static final int NAME_PREFIX_BYTES = 64;
    private static final String SUFFIX = ".tmp";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFile() {
    }

    /**
     * Replaces {@code path} with {@code bytes} atomically, creating missing parent directories.
     *
     * @param path  the file to write
     * @param bytes its new content
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void write(Path path, byte[] bytes) throws IOException {
        write(path, out -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        });
    }

    /**
     * Replaces {@code path} with what {@code content} writes, atomically, creating missing parent directories.
     *
     * @param path    the file to write
     * @param content writes the new content
     * @throws IOException if the file cannot be written or {@code content} fails; an existing file is then
     *                     left as it was and the temporary file is deleted
     */
    public static void write(Path path, Content content) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        deleteStaleTemporaries(target);
        Path temp = createTemporary(target);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    /**
     * Checks, without touching {@code path}, that {@link #write} could create or replace it: its directory
     * exists, is a directory and accepts a new file (one is created and deleted), the name is not too long for
     * the file system, and {@code path} is not a directory. Run it before long work whose result goes there.
     *
     * @param path the file to be written
     * @throws IOException naming the path and what is wrong with it
     */
    public static void checkWritable(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new IOException(path + " is not a file name");
        }
        if (!Files.exists(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory, so " + path + " cannot be created in it");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(path + " is a directory, not a file");
        }
        try {
            target.getFileSystem().provider().checkAccess(target);
        } catch (NoSuchFileException absent) {
            // the usual case: it will be created
        } catch (FileSystemException e) {
            // ENAMETOOLONG and the like: the name itself cannot exist here.
            throw new IOException(path + ": " + reason(e) + " (the name is " + utf8Bytes(target.getFileName())
                    + " bytes)", e);
        }
        Path probe;
        try {
            probe = createTemporary(target);
        } catch (IOException e) {
            throw new IOException("cannot create files in " + dir + " to write " + path.getFileName() + ": "
                    + reason(e), e);
        }
        Files.deleteIfExists(probe);
    }

    /** The temporary files of {@code target} from processes that no longer run here: deleted, best effort. */
    static void deleteStaleTemporaries(Path target) {
        String stem = stem(target);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(),
                p -> p.getFileName().toString().startsWith(stem))) {
            for (Path p : entries) {
                long pid = ownerPid(p.getFileName().toString(), stem);
                if (pid > 0 && pid != PID && !alive(pid)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning is a courtesy: it must never fail the write
        }
    }

    private static Path createTemporary(Path target) throws IOException {
        String stem = stem(target);
        while (true) {
            Path temp = target.resolveSibling(stem + PID + "-" + COUNTER.incrementAndGet() + SUFFIX);
            try {
                // Created empty with the process's default permissions; CREATE_NEW never follows a planted link.
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // left by an earlier process with our pid: take the next number
            }
        }
    }

    /** {@code .<name prefix>~<crc>.}: the same for every temporary of one target, distinct between targets. */
    static String stem(Path target) {
        String name = target.getFileName().toString();
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(utf8);
        return "." + prefix(name, NAME_PREFIX_BYTES) + "~" + String.format(Locale.ROOT, "%08x", crc.getValue()) + ".";
    }

    /** The longest prefix of {@code name} of at most {@code maxBytes} UTF-8 bytes, cut between characters. */
    private static String prefix(String name, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /** The pid in {@code <stem><pid>-<n>.tmp}, or -1 if the name is not one of ours. */
    private static long ownerPid(String fileName, String stem) {
        if (!fileName.endsWith(SUFFIX)) {
            return -1;
        }
        String rest = fileName.substring(stem.length(), fileName.length() - SUFFIX.length());
        int dash = rest.indexOf('-');
        if (dash < 1) {
            return -1;
        }
        try {
            Long.parseLong(rest.substring(dash + 1));
            return Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

    private static int utf8Bytes(Path name) {
        return name.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Why {@code e} happened, in words: the JDK's FileSystemExceptions often carry only the path. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (the file system takes no new files there)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void forceDirectory(Path dir) {
        // Makes the rename itself durable; not every platform can open a directory, which is fine.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }
}
