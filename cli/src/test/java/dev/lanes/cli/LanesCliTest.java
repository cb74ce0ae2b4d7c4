package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.image.ImageOutput;
import dev.lanes.kernels.Kernels;
import dev.lanes.nn.data.DataSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
        assertTrue(r.out().contains(", 28x28, preprocess mnist-digit\n"), r.out());
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
        assertEquals("lanes: Invalid value for option '--activation': unknown activation \"swish\"; hidden layers"
                + " take identity, relu, leaky_relu, leaky_relu(SLOPE), sigmoid, tanh, softplus, gelu, silu",
                r.err().lines().findFirst().orElse(""));
        assertTrue(r.err().contains("Usage: lanes train"), r.err());

        r = run("train", "--activation", "softmax");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: Invalid value for option '--activation': \"softmax\" is an output"
                + " activation (the output layer is softmax or sigmoid, by --loss); hidden layers take identity,"),
                r.err());

        r = run("train", "--activation", "leaky_relu(2)");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: Invalid value for option '--activation': activation"
                + " \"leaky_relu(2)\": slope must be in [0, 1), was 2.0"), r.err());

        r = run("train", "--epochs", "0");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: --epochs: epochs must be >= 1, was 0\n"), r.err());

        r = run("train", "--optimizer", "rmsprop");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: --optimizer: unknown optimizer 'rmsprop': expected one of sgd,"
                + " momentum, nesterov, adam, adamw\n"), r.err());

        r = run("train", "--preprocess", "crop");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: --preprocess: unknown preprocessing \"crop\"; valid: mnist-digit,"
                + " resize\n"), r.err());

        // The library's own checks, each named by its option; none waits for the data to load.
        String[][] cases = {
            {"--batch", "0", "lanes: --batch: batch size must be >= 1, was 0"},
            {"--lr", "-1", "lanes: --lr: learning rate must be finite and > 0, was -1.0"},
            {"--validation", "1", "lanes: --validation: validation fraction must be in [0, 1), was 1.0"},
            {"--patience", "3", "lanes: --patience: early stopping watches the validation loss: patience 3 needs a"
                    + " validation split > 0"},
            {"--clip-norm", "-1", "lanes: --clip-norm: clip norm must be finite and >= 0, was -1.0"},
            {"--weight-decay", "-1", "lanes: --weight-decay: weight decay must be finite and >= 0, was -1.0"},
            {"--threads", "0", "lanes: --threads: "},
            // refused outright, without first warning that it exceeds the processors
            {"--threads", "2147483647", "lanes: --threads: threads must be at most 1024"},
        };
        for (String[] c : cases) {
            r = run("train", c[0], c[1]);
            assertEquals(Lanes.USAGE, r.code(), r.err());
            assertTrue(r.err().startsWith(c[2]), r.err());
            assertTrue(r.err().contains("Usage: lanes train"), r.err());
            assertFalse(r.out().contains("data:"), r.out());
        }

        r = run("eval");
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: Missing required option: '--model=FILE'"), r.err());
    }

    @Test
    void adamDefaultsToItsOwnLearningRateAndTooManyThreadsWarn() {
        int threads = Kernels.threads();
        int processors = Runtime.getRuntime().availableProcessors();
        try {
            CliRun r = run("train", "--optimizer", "adam", "--epochs", "1", "--hidden", "8", "--threads",
                    Integer.toString(processors + 1), "--no-progress", "--out", dir.resolve("adam.lnn").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("lr 0.001 (constant)"), r.out());
            assertEquals("lanes: warning: --threads " + (processors + 1) + " is more than the " + processors
                    + " processors available; the extra threads only take turns with the others\n", r.err());
        } finally {
            Kernels.setThreads(threads);
        }
        CliRun r = run("help", "train");
        assertTrue(r.out().contains("Learning rate. Default: 0.05 for sgd, momentum and"), r.out());
    }

    @Test
    void helpListsTheCommandsAndEachCommandsOptions() {
        CliRun r = run("help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: lanes "), r.out());
        assertTrue(r.out().contains("\n  help "), r.out());
        for (String command : List.of("train", "eval", "predict", "explain")) {
            assertTrue(r.out().contains("\n  " + command + " "), r.out());
            CliRun c = run("help", command);
            assertEquals(0, c.code(), c.err());
            assertTrue(c.out().startsWith("Usage: lanes " + command), c.out());
            // Option values are named (FILE, N, X, NAME), never picocli's <field> labels, and no word is split
            // across lines (a line ending in letters followed by a line starting with letters and "]").
            assertFalse(c.out().contains("<"), c.out());
            assertFalse(c.out().matches("(?s).*[a-z]\\n\\s+[a-z]+].*"), c.out());
        }
        assertEquals(run("help", "explain").out(), run("explain", "--help").out());
    }

    /**
     * Each command's help fits the terminal's width (picocli's auto width, for the subcommands too; without a
     * terminal, as here, the picocli.usage.width property stands in for it), and no word of an option's
     * description is split across lines (as "occlusi on" once was) down to 70 columns.
     */
    @Test
    void helpFitsTheWidthWithoutSplittingWords() {
        String before = System.getProperty("picocli.usage.width");
        CommandLine spec = new CommandLine(Lanes.class);
        try {
            for (int width : new int[] {70, 80, 100, 120}) {
                System.setProperty("picocli.usage.width", Integer.toString(width));
                for (String command : List.of("train", "eval", "predict", "explain")) {
                    String help = run("help", command).out();
                    List<String> lines = help.lines().toList();
                    for (String line : lines) {
                        assertTrue(line.length() <= width, width + " columns: " + line);
                    }
                    if (width == 120) {
                        assertTrue(lines.stream().anyMatch(l -> l.length() > 80), "wider than 80: " + help);
                    }
                    for (CommandLine.Model.OptionSpec option : spec.getSubcommands().get(command).getCommandSpec()
                            .options()) {
                        // Runs of letters and digits: picocli may break after a comma or colon or before a
                        // parenthesis (Unicode's line-break opportunities), never inside a word.
                        String text = String.join(" ", option.description()).replaceAll("\\$\\{[^}]*}|%n", " ");
                        for (String word : text.split("[^\\p{L}\\p{N}_]+")) {
                            if (!word.isEmpty()) {
                                assertTrue(lines.stream().anyMatch(l -> l.contains(word)),
                                        width + " columns, " + command + " " + option.longestName() + ": '" + word
                                                + "' is split\n" + help);
                            }
                        }
                    }
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty("picocli.usage.width");
            } else {
                System.setProperty("picocli.usage.width", before);
            }
        }
    }

    @Test
    void evalReportsAccuracyPerClassAndTheConfusionMatrix() {
        CliRun r = run("eval", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data:     digits (recorded in the model), test split, 2000 examples\n"), r.out());
        List<String> lines = r.out().lines().toList();
        int at = lines.indexOf("confusion matrix (rows: true class, columns: predicted class, by index)");
        assertTrue(at > 0, r.out());
        // Every column is headed by its class index; every row starts with its class.
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                List.of(lines.get(at + 1).trim().split("\\s+")));
        for (int c = 0; c < 10; c++) {
            String[] cells = lines.get(at + 2 + c).trim().split("\\s+");
            assertEquals(Integer.toString(c), cells[0]);
            assertEquals(11, cells.length);
        }
        assertTrue(r.out().matches("(?s).*\\naccuracy=0\\.\\d{4}\\n.*"), r.out());
    }

    @Test
    void predictShowsTheTopClassesOfEveryImageAndDirectoryInOneRun() throws Exception {
        DataSets.TrainTest digits = DataSets.load("digits");
        Path png = dir.resolve("digit.png");
        ImageOutput.writePng(digits.test().example(0), png);
        CliRun r = run("predict", "--model", model.toString(), "--image", png.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[1].matches("  1\\. \\d  0\\.\\d{4}"), r.out());
        assertTrue(lines[3].startsWith("  3. "), r.out());

        Path folder = Files.createDirectories(dir.resolve("pictures"));
        for (int i = 1; i <= 3; i++) {
            ImageOutput.writePng(digits.test().example(i), folder.resolve("digit-" + i + ".png"));
        }
        Files.writeString(folder.resolve("notes.txt"), "not a picture, and not named like one");
        Path broken = Files.writeString(dir.resolve("broken.png"), "not a PNG");
        r = run("predict", "--model", model.toString(), "--top", "10", png.toString(), broken.toString(),
                folder.toString());
        assertEquals(Lanes.FAILURE, r.code(), r.err());
        assertTrue(r.err().startsWith("lanes: error: " + broken + ": not an image format"), r.err());
        List<String> names = r.out().lines().filter(l -> !l.startsWith("  ")).toList();
        assertEquals(List.of(png + ":", folder.resolve("digit-1.png") + ":", folder.resolve("digit-2.png") + ":",
                folder.resolve("digit-3.png") + ":"), names);
        assertEquals(4 * 11, r.out().lines().count(), r.out());

        // An empty directory or a missing file is one more error line; what comes after it is still classified.
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path missing = dir.resolve("missing.png");
        r = run("predict", "--model", model.toString(), "--top", "1", empty.toString(), missing.toString(),
                png.toString());
        assertEquals(Lanes.FAILURE, r.code(), r.err());
        List<String> errors = r.err().lines().toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("lanes: error: " + empty + ": a directory without image files"), r.err());
        assertTrue(errors.get(1).startsWith("lanes: error: " + missing), r.err());
        assertEquals(List.of(png + ":"), r.out().lines().filter(l -> !l.startsWith("  ")).toList(), r.out());

        r = run("predict", "--model", model.toString(), "--top", "11", png.toString());
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: --top 11 is more than the 10 classes of " + model), r.err());
        r = run("predict", "--model", model.toString());
        assertEquals(Lanes.USAGE, r.code());
        assertTrue(r.err().startsWith("lanes: no image given"), r.err());
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
