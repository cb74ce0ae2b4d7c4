package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.image.ImageOutput;
import dev.lanes.nn.Network;
import dev.lanes.nn.Shape;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes train --layers}: a small convolutional network on the bundled digits (the images as 1x28x28
 * inputs), which eval, predict and explain (Grad-CAM included) then work on; bad specs are usage errors naming
 * the layer and what was expected.
 */
class LayersCliTest {

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void trainSmallCnn() {
        model = dir.resolve("cnn.lnn");
        CliRun r = CliRun.of("train", "--layers", "conv:4:5:relu,maxpool:2,dense:10", "--epochs", "1", "--batch",
                "64", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("network: 1x28x28 → conv"), r.out());
        assertTrue(r.out().matches("(?s).*\\ntest_accuracy=0\\.\\d{4}\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nepoch_seconds_median=\\d+\\.\\d{3}\\n.*"), r.out());
    }

    @Test
    void theImagesAreTheNetworksInputAsOneChannelAndTheScoresGoToTheLoss() throws Exception {
        Network network = ModelFile.load(model);
        assertEquals(Shape.image(1, 28, 28), network.inputShape());
        assertEquals(List.of("conv", "maxpool", "dense"),
                network.layers().stream().map(l -> l.spec().type()).toList());
        assertEquals("softmax", network.outputActivation().name());
    }

    @Test
    void evalPredictAndExplainWorkOnTheCnn() throws Exception {
        CliRun eval = CliRun.of("eval", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
        double accuracy = Double.parseDouble(eval.out().substring(eval.out().lastIndexOf("accuracy=") + 9).trim());
        assertTrue(accuracy > 0.8, eval.out());

        Path png = dir.resolve("digit.png");
        ImageOutput.writePng(DataSets.digits().test().example(0), png);
        CliRun predict = CliRun.of("predict", "--model", model.toString(), png.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().lines().skip(1).findFirst().orElse("").matches("  1\\. \\d  [01]\\.\\d{4}"),
                predict.out());

        for (String method : List.of("gradcam", "gradient", "occlusion")) {
            Path out = dir.resolve("maps-" + method);
            CliRun explain = CliRun.of("explain", "--model", model.toString(), "--method", method, "--count", "2",
                    "--out", out.toString());
            assertEquals(0, explain.code(), explain.err());
            assertTrue(Files.size(out.resolve(method + "-0.png")) > 0, explain.out());
            assertTrue(Files.exists(out.resolve(method + "-grid-0-1.png")), explain.out());
        }
        CliRun layer = CliRun.of("explain", "--model", model.toString(), "--method", "gradcam", "--layer", "1",
                "--image", png.toString(), "--out", dir.resolve("maps-layer").toString());
        assertEquals(0, layer.code(), layer.err());
    }

    @Test
    void badSpecsAreUsageErrorsNamingTheLayerAndWhatWasExpected() {
        String[][] cases = {
            {"conv:16:abc", "lanes: --layers: layer 1 'conv:16:abc': "},
            {"conv:16:5,pool:2,dense:10", "lanes: --layers: layer 2 'pool:2': unknown layer type 'pool', expected one"
                    + " of dense, conv, maxpool"},
            {"conv:16:5,,dense:10", "lanes: --layers: layer 2 is empty in 'conv:16:5,,dense:10'"},
            {"conv:8:40,dense:10", "lanes: --layers: layer 1 (conv1) on input 1x28x28: "},
            {"conv:4:5,maxpool:2,dense:7", "lanes: --layers: the last layer gives 7 outputs, but digits has 10 classes:"
                    + " end the list with dense:10"},
            {"dense:32:relu,dense:10:relu", "lanes: --layers: loss cross_entropy needs a softmax output layer, the"
                    + " last layer is relu"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("train", "--layers", c[0], "--epochs", "1", "--out", dir.resolve("bad.lnn").toString());
            assertEquals(Lanes.USAGE, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith(c[1]), c[0] + ": " + r.err());
            assertTrue(r.err().contains("Usage: lanes train"), r.err());
        }
        CliRun both = CliRun.of("train", "--layers", "dense:10", "--hidden", "32");
        assertEquals(Lanes.USAGE, both.code(), both.err());
        assertTrue(both.err().startsWith("lanes: --layers gives the whole network: leave out --hidden and"
                + " --activation\n"), both.err());
        assertFalse(both.out().contains("data:"), both.out());
    }
}
