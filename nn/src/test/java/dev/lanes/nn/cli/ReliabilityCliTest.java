package dev.lanes.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's failure paths from issue 14: each a one-line error with exit code 1 or 2, and nothing saved. */
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
}
