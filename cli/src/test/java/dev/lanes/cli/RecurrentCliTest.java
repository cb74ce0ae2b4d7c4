package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.image.ImageOutput;
import dev.lanes.nn.Network;
import dev.lanes.nn.Shape;
import dev.lanes.nn.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recurrent networks on the command line: images read as sequences of rows ({@code --sequence rows}) into a GRU,
 * which eval, predict and explain then work on; the adding problem ({@code --data adding:T}) as a regression;
 * the per-step gradient norms ({@code --time-gradients}); and the usage errors of these options.
 */
class RecurrentCliTest {

    @TempDir
    static Path dir;

    private static Path data;
    private static Path model;
    private static CliRun trained;

    @BeforeAll
    static void trainSmallGru() throws Exception {
        data = FashionLike.writeIdx(dir.resolve("fashion-like"), 400, 100, 3);
        model = dir.resolve("gru.lnn");
        trained = CliRun.of("train", "--data", data.toString(), "--sequence", "rows", "--layers", "gru:16,dense:10",
                "--optimizer", "adam", "--lr", "0.01", "--epochs", "2", "--batch", "32", "--threads", "1",
                "--time-gradients", dir.resolve("steps").toString(), "--out", model.toString());
        assertEquals(0, trained.code(), trained.err());
    }

    @Test
    void trainingPrintsTheUsualLinesAndSavesASequenceModel() throws Exception {
        String out = trained.out();
        assertTrue(out.contains("network: 28x28seq → gru 16 → 10 softmax"), out);
        assertTrue(out.contains("as sequences of rows"), out);
        assertTrue(out.matches("(?s).*\\ntest_accuracy=0\\.\\d{4}\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nepoch_seconds_median=\\d+\\.\\d{3}\\n.*"), out);
        Network network = ModelFile.load(model);
        assertEquals(Shape.sequence(28, 28), network.inputShape());
        assertEquals(List.of("gru", "dense"), network.layers().stream().map(l -> l.spec().type()).toList());
    }

    @Test
    void timeGradientsHaveOneLinePerEpochAndStepAndAChart() throws Exception {
        List<String> csv = Files.readAllLines(dir.resolve("steps/time-gradients.csv"));
        assertEquals("epoch,layer,type,step,grad_norm", csv.get(0));
        assertEquals(1 + 2 * 28, csv.size(), String.join("\n", csv));
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertEquals("gru", f[2], line);
            double norm = Double.parseDouble(f[4]);
            assertTrue(norm > 0 && Double.isFinite(norm), line);
        }
        assertEquals("2,1,gru,27", csv.get(csv.size() - 1).substring(0, 10));
        assertTrue(Files.size(dir.resolve("steps/time-gradients.png")) > 1000);
    }

    @Test
    void evalPredictAndExplainWorkOnTheSequenceModel() throws Exception {
        CliRun eval = CliRun.of("eval", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("\naccuracy="), eval.out());

        Path png = dir.resolve("picture.png");
        ImageOutput.writePng(FashionLike.dataset(1, 9).example(0), png);
        CliRun predict = CliRun.of("predict", "--model", model.toString(), png.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().lines().skip(1).findFirst().orElse("").matches("  1\\. .+  [01]\\.\\d{4}"),
                predict.out());

        for (String method : List.of("gradient", "integrated")) {
            Path out = dir.resolve("maps-" + method);
            CliRun explain = CliRun.of("explain", "--model", model.toString(), "--method", method, "--count", "2",
                    "--out", out.toString());
            assertEquals(0, explain.code(), explain.err());
            assertTrue(Files.size(out.resolve(method + "-0.png")) > 0, explain.out());
        }
    }

    @Test
    void theAddingProblemTrainsAsARegressionAndEvaluates() {
        Path adding = dir.resolve("adding.lnn");
        CliRun r = CliRun.of("train", "--data", "adding:6:300", "--layers", "lstm:8,dense:1", "--optimizer", "adam",
                "--lr", "0.01", "--epochs", "1", "--batch", "16", "--out", adding.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("network: 6x2seq → lstm 8 → 1, mse"), r.out());
        assertTrue(r.out().matches("(?s).*\\ntest_mse=\\d+\\.\\d{6}\\ntest_accuracy=\\d\\.\\d{4}\\n.*"), r.out());

        CliRun eval = CliRun.of("eval", "--model", adding.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("data:     adding:6:300 (recorded in the model), test split"), eval.out());
        assertTrue(eval.out().matches("(?s).*\\nmse=\\d+\\.\\d{6}\\naccuracy=\\d\\.\\d{4}\\n"), eval.out());

        CliRun predict = CliRun.of("predict", "--model", adding.toString(), dir.resolve("any.png").toString());
        assertEquals(Lanes.FAILURE, predict.code(), predict.err());
        assertTrue(predict.err().contains("was trained on adding:6:300, generated sequences"), predict.err());
    }

    @Test
    void misusesAreUsageErrors() {
        String[][] cases = {
            {"--sequence", "columns", "--layers", "lstm:4,dense:10"},
            {"--sequence", "rows"},
            {"--layers", "lstm:4,dense:10"},
            {"--data", "adding:1", "--layers", "lstm:4,dense:1"},
            {"--data", "adding:5:20", "--layers", "lstm:4,dense:2"},
            {"--data", "adding:5:20", "--layers", "lstm:4,dense:1", "--loss", "cross_entropy"},
            {"--data", "adding:5:20"},
        };
        String[] messages = {
            "lanes: --sequence must be none or rows, was 'columns'",
            "lanes: --sequence rows feeds recurrent layers: give them with --layers",
            "lanes: --layers: layer 1 (lstm1) on input 1x28x28: lstm needs a sequence input (steps x features), got"
                    + " 1x28x28: read images as sequences of rows (lanes train --sequence rows",
            "lanes: --data: 'adding:1': expected adding:T or adding:T:N",
            "lanes: --layers: the last layer gives 2 outputs, but adding:5:20 has 1 target(s): end the list with"
                    + " dense:1",
            "lanes: --loss: adding:5:20 is a regression (real targets): its loss is mse",
            "lanes: --data adding:5:20 is a sequence task: give its network with --layers",
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", "1", "--out",
                    dir.resolve("bad.lnn").toString()));
            args.addAll(List.of(cases[i]));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(Lanes.USAGE, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().startsWith(messages[i]), String.join(" ", cases[i]) + ": " + r.err());
        }
    }
}
