package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files are reproducible: two identical {@code lanes train} runs write byte-identical files (the same
 * weights, metadata and checksums); the creation time is recorded only when asked with {@code --timestamp}.
 */
class DeterminismCliTest {

    @TempDir
    Path dir;

    /** Trains 1 epoch on the bundled digits with {@code options}, writing {@code name}; returns the file's bytes. */
    private byte[] train(String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--epochs", "1", "--seed", "7", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return Files.readAllBytes(out);
    }

    @Test
    void twoIdenticalRunsWriteIdenticalModelFiles() throws Exception {
        byte[] first = train("first.lnn", "--hidden", "8");
        byte[] second = train("second.lnn", "--hidden", "8");
        assertArrayEquals(first, second);
        assertFalse(ModelFile.loadModel(dir.resolve("first.lnn")).metadata().containsKey("created"));
        // The same network given as --layers is the same model, to the byte.
        assertArrayEquals(first, train("layers.lnn", "--layers", "dense:8:relu,dense:10"));
    }

    @Test
    void theCreationTimeIsRecordedWhenAsked() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        train("stamped.lnn", "--hidden", "8", "--timestamp");
        Map<String, String> metadata = ModelFile.loadModel(dir.resolve("stamped.lnn")).metadata();
        Instant created = Instant.parse(metadata.get("created"));
        assertTrue(!created.isBefore(before) && !created.isAfter(Instant.now()), metadata.get("created"));
    }
}
