package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's failure paths on hostile settings: each a one-line error with exit code 1 or 2, reported before any
 * work, and nothing saved.
 */
class ReliabilityCliTest {

    @TempDir
    Path dir;

    @Test
    void divergenceOnTheOnlyStepExitsOneAndSavesNothing() {
        Path out = dir.resolve("nan.lnn");
        CliRun r = CliRun.of("train", "--lr", "1e30", "--epochs", "1", "--batch", "8000", "--hidden", "16",
                "--no-progress", "--out", out.toString());
        assertEquals(Lanes.FAILURE, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("lanes: error: training diverged at epoch 1, batch 1 of 1: after its step, "),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(out), "no model may be saved");
    }

    @Test
    void anUnwritableOutIsAUsageErrorBeforeAnyData() {
        Path sub = dir.resolve("models");
        sub.toFile().mkdir();
        String tooLong = "m".repeat(252) + ".lnn";
        String[][] cases = {
            {sub.toString(), "lanes: --out: " + sub + " is a directory, not a file"},
            {dir.resolve("missing/m.lnn").toString(), "lanes: --out: directory " + dir.resolve("missing")
                    + " does not exist"},
            {dir.resolve(tooLong).toString(), "lanes: --out: " + dir.resolve(tooLong) + ": File name too long (the"
                    + " name is 256 bytes)"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("train", "--epochs", "1", "--out", c[0]);
            assertEquals(Lanes.USAGE, r.code(), r.err());
            assertTrue(r.err().startsWith(c[1] + "\n"), r.err());
            assertFalse(r.out().contains("data:"), "checked before loading anything: " + r.out());
        }
    }

    @Test
    void unwritablePlotsAndDiagnosticsAreUsageErrorsBeforeAnyData() throws java.io.IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        String[][] cases = {
            {"--diagnostics", sub.toString(), "lanes: --diagnostics: " + sub + " is a directory, not a file"},
            {"--diagnostics", dir.resolve("missing/d.csv").toString(), "lanes: --diagnostics: directory "
                    + dir.resolve("missing") + " does not exist"},
            {"--plots", file.toString(), "lanes: --plots " + file + " is a file, not a directory"},
            {"--plots", file.resolve("plots").toString(), "lanes: --plots: "},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("train", "--epochs", "1", c[0], c[1], "--out", dir.resolve("m.lnn").toString());
            assertEquals(Lanes.USAGE, r.code(), r.err());
            assertTrue(r.err().startsWith(c[2]), r.err());
            assertFalse(r.out().contains("data:"), "checked before loading anything: " + r.out());
        }
    }

    @Test
    void aLayerTooLargeForAnArrayIsNamedWithItsShape() {
        CliRun r = CliRun.of("train", "--hidden", "3000000", "--epochs", "1", "--out", dir.resolve("m.lnn").toString());
        assertEquals(Lanes.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("lanes: --hidden: layer 1 (dense1) on input 784: dense1.weights: 3000000x784 ="
                + " 2,352,000,000 values, more than one Java array holds (2,147,483,639)\n"), r.err());
    }
}
