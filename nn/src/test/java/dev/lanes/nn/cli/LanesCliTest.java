package dev.lanes.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.ImageOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, and the train → eval → predict round trip. */
class LanesCliTest {

    @TempDir
    static Path dir;

    private static Path model;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void trainSmallModel() {
        model = dir.resolve("digits.lnn");
        CliRun r = run("train", "--epochs", "2", "--hidden", "64", "--lr", "0.1", "--optimizer", "momentum",
                "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epoch   2  train loss "), r.out());
        assertTrue(r.out().matches("(?s).*\\ntest_accuracy=0\\.\\d{4}\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nepoch_seconds_median=\\d+\\.\\d{3}\\n.*"), r.out());
        assertTrue(Files.exists(model));
    }

    @Test
    void noArgumentsIsAUsageError() {
        CliRun r = run();
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().contains("Usage: lanes"), r.err());
    }

    @Test
    void badOptionValuesAreUsageErrorsThatSayWhy() {
        CliRun r = run("train", "--activation", "swish");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: Invalid value for option '--activation'"), r.err());
        assertTrue(r.err().contains("Usage: lanes train"), r.err());

        r = run("train", "--epochs", "0");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: --epochs must be >= 1, was 0"), r.err());

        r = run("train", "--optimizer", "rmsprop");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: --optimizer must be sgd, momentum, nesterov, adam or adamw"), r.err());

        r = run("eval");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: Missing required option: '--model=FILE'"), r.err());
    }

    @Test
    void evalReportsAccuracyPerClassAndTheConfusionMatrix() {
        CliRun r = run("eval", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("confusion matrix (rows: true class, columns: predicted)"), r.out());
        assertTrue(r.out().matches("(?s).*\\naccuracy=0\\.\\d{4}\\n.*"), r.out());
    }

    @Test
    void predictShowsTheTopThreeClasses() throws Exception {
        DataSets.TrainTest digits = DataSets.load("digits");
        Path png = dir.resolve("digit.png");
        ImageOutput.writePng(digits.test().example(0), png);
        CliRun r = run("predict", "--model", model.toString(), "--image", png.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[1].matches("  1\\. \\d\\s+0\\.\\d{4}"), r.out());
        assertTrue(lines[3].startsWith("  3. "), r.out());
    }

    @Test
    void failuresAreOneLineWithoutStackTraceUnlessVerbose() {
        Path missing = dir.resolve("missing.lnn");
        CliRun r = run("eval", "--model", missing.toString());
        assertEquals(Lanes.FAILURE, r.code());
        assertEquals("lanes: error: no such file: " + missing + "\n", r.err());

        r = run("eval", "--verbose", "--model", missing.toString());
        assertEquals(Lanes.FAILURE, r.code());
        assertTrue(r.err().contains("java.nio.file.NoSuchFileException"), r.err());
    }

    @Test
    void aCorruptModelIsAFailureNamingTheProblem() throws Exception {
        Path bad = dir.resolve("bad.lnn");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 100] ^= 1;
        Files.write(bad, bytes);
        CliRun r = run("eval", "--model", bad.toString());
        assertEquals(Lanes.FAILURE, r.code());
        assertTrue(r.err().startsWith("lanes: error: " + bad + ": checksum mismatch at byte "), r.err());
    }

    @Test
    void aFailedRunLeavesTheExistingModelUntouched() throws Exception {
        Path out = dir.resolve("keep.lnn");
        Files.copy(model, out);
        byte[] before = Files.readAllBytes(out);
        Path noData = dir.resolve("no-such-data");
        CliRun r = run("train", "--epochs", "1", "--data", noData.toString(), "--out", out.toString());
        assertEquals(Lanes.FAILURE, r.code(), r.out());
        assertTrue(r.err().startsWith("lanes: error: "), r.err());
        assertTrue(r.err().contains(noData.toString()), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertArrayEquals(before, Files.readAllBytes(out));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
