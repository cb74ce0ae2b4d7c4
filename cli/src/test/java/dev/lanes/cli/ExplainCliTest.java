package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.draw.Charts;
import dev.lanes.cli.draw.Heatmaps;
import dev.lanes.cli.image.ImageFiles;
import dev.lanes.cli.image.ImageOutput;
import dev.lanes.nn.data.DataSets;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes explain} and {@code lanes train --plots/--diagnostics} as a user meets them. */
class ExplainCliTest {

    @TempDir
    static Path dir;

    private static Path model;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static BufferedImage png(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, file + " is not a readable PNG");
        return image;
    }

    @BeforeAll
    static void trainWithPlots() throws IOException {
        model = dir.resolve("digits.lnn");
        Path plots = dir.resolve("plots");
        Path csv = dir.resolve("diagnostics.csv");
        CliRun r = run("train", "--epochs", "1", "--hidden", "32", "--optimizer", "momentum", "--out",
                model.toString(), "--plots", plots.toString(), "--diagnostics", csv.toString());
        assertEquals(0, r.code(), r.err());
        for (String name : List.of("training-curves.png", "gradient-norms.png", "activations.png")) {
            Path chart = plots.resolve(name);
            assertTrue(r.out().contains("wrote   " + chart + "\n"), r.out());
            BufferedImage image = png(chart);
            assertEquals(Charts.WIDTH, image.getWidth());
            assertEquals(Charts.HEIGHT, image.getHeight());
        }
        assertTrue(r.out().contains("wrote   " + csv + "\n"), r.out());
        // 8000 training digits in batches of 128: 63 steps of 2 layers, and the header.
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 63 * 2, lines.size());
        assertTrue(lines.get(0).startsWith("epoch,batch,batches,step,layer,activation,units,mean,std,"), lines.get(0));
    }

    @Test
    void everyMethodWritesAPanelPerImageAndAGridAndPrintsTheirPaths() throws IOException {
        for (String method : List.of("gradient", "gradxinput", "smoothgrad", "integrated", "occlusion")) {
            Path out = dir.resolve("out-" + method);
            CliRun r = run("explain", "--model", model.toString(), "--index", "5", "--count", "3", "--method", method,
                    "--samples", "4", "--steps", "8", "--scale", "4", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            for (int index = 5; index <= 7; index++) {
                Path panel = out.resolve(method + "-" + index + ".png");
                assertTrue(r.out().contains("wrote " + panel + "  (#" + index + ": true "), r.out());
                BufferedImage image = png(panel);
                // 112-pixel pictures are wider than their labels: three columns of 112.
                assertEquals(3 * 28 * 4 + 4 * Heatmaps.PAD, image.getWidth());
                assertTrue(image.getHeight() > 28 * 4 + 40, "height " + image.getHeight());
            }
            Path grid = out.resolve(method + "-grid-5-7.png");
            assertTrue(r.out().contains("wrote " + grid + "\n"), r.out());
            // Three cells in one row at half the panel scale.
            BufferedImage image = png(grid);
            assertEquals(3 * (28 * 2 + Heatmaps.PAD) + Heatmaps.PAD, image.getWidth());
            assertTrue(image.getHeight() > 28 * 2 + 40, "height " + image.getHeight());
            if (method.equals("integrated")) {
                Matcher m = Pattern.compile("completeness: max \\|Σ attributions − \\(s\\(x\\) − s\\(baseline\\)\\)\\|"
                        + " = (\\S+) with 8 steps").matcher(r.out());
                assertTrue(m.find(), r.out());
                assertTrue(Double.parseDouble(m.group(1)) >= 0);
            }
        }
    }

    @Test
    void anyPictureIsExplainedShowingTheInputAsTheModelSeesIt() throws IOException {
        // A digit drawn dark on light, four times the size: the panel shows it prepared (inverted, boxed, 28x28).
        float[] digit = DataSets.digits().test().example(3);
        BufferedImage drawing = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < 112; r++) {
            for (int c = 0; c < 112; c++) {
                int level = 255 - Math.round(digit[(r / 4) * 28 + c / 4] * 255);
                drawing.setRGB(c, r, level * 0x010101);
            }
        }
        Path file = dir.resolve("my drawing.png");
        ImageOutput.writePng(drawing, file);
        Path out = dir.resolve("pictures");
        CliRun r = run("explain", "--model", model.toString(), "--image", file.toString(), "--scale", "2", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data:    1 picture, prepared as mnist-digit to 28x28\n"), r.out());
        Path panel = out.resolve("gradient-my_drawing.png");
        assertTrue(r.out().contains("wrote " + panel + "  (my drawing.png: predicted "), r.out());
        float[] input = ImageFiles.read(file);
        BufferedImage image = png(panel);
        boolean found = false;
        for (int top = 0; top + 56 <= image.getHeight() && !found; top++) {
            found = true;
            for (int i = 0; i < 784 && found; i++) {
                int gray = Math.round(input[i] * 255);
                found = (image.getRGB(Heatmaps.PAD + (i % 28) * 2, top + (i / 28) * 2) & 0xFFFFFF) == gray * 0x010101;
            }
        }
        assertTrue(found, "the prepared input is the panel's first picture");

        assertUsage("lanes: --image explains the given pictures: --data, --index and --count select test images"
                + " instead; give one or the other", "explain", "--model", model.toString(), "--image",
                file.toString(), "--index", "3", "--out", out.toString());
    }

    @Test
    void aDivergedRunStillWritesItsDiagnostics() throws IOException {
        Path plots = dir.resolve("diverged");
        Path csv = dir.resolve("diverged.csv");
        CliRun r = run("train", "--epochs", "1", "--hidden", "16", "--lr", "1e30", "--out",
                dir.resolve("diverged.lnn").toString(), "--plots", plots.toString(), "--diagnostics", csv.toString());
        assertEquals(Lanes.FAILURE, r.code(), r.out());
        assertTrue(r.err().startsWith("lanes: error: training diverged at epoch 1, batch "), r.err());
        assertTrue(r.out().contains("wrote   " + csv + "\n"), r.out());
        // No epoch finished: no training curves, but the steps before the NaN are charted.
        assertTrue(Files.notExists(plots.resolve("training-curves.png")));
        png(plots.resolve("gradient-norms.png"));
        png(plots.resolve("activations.png"));
        assertTrue(Files.readAllLines(csv).size() > 1);
    }

    @Test
    void aChosenClassByIndexOrNameIsExplained() throws IOException {
        Path out = dir.resolve("chosen");
        CliRun r = run("explain", "--model", model.toString(), "--class", "7", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("method:  gradient of the logit of class 7\n"), r.out());
        png(out.resolve("gradient-0.png"));
        r = run("explain", "--model", model.toString(), "--class", "3", "--score", "probability", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("method:  gradient of the probability of class 3\n"), r.out());
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheOptionAndValue() throws IOException {
        String m = model.toString();
        String out = dir.resolve("bad").toString();
        assertUsage("lanes: --index 2000 is out of range: the digits test split has 2000 images (0 to 1999)",
                "explain", "--model", m, "--index", "2000", "--out", out);
        assertUsage("lanes: --index -1 is out of range: the digits test split has 2000 images (0 to 1999)",
                "explain", "--model", m, "--index", "-1", "--out", out);
        assertUsage("lanes: --count 2 from --index 1999 runs past the last image: the digits test split has 2000"
                + " images (0 to 1999)", "explain", "--model", m, "--index", "1999", "--count", "2", "--out", out);
        assertUsage("lanes: --class 10 is out of range: the model has 10 classes (0 to 9)",
                "explain", "--model", m, "--class", "10", "--out", out);
        assertUsage("lanes: --class 'seven' is not a class of the model: expected an index 0 to 9 or one of 0, 1, 2,"
                + " 3, 4, 5, 6, 7, 8, 9", "explain", "--model", m, "--class", "seven", "--out", out);
        assertUsage("lanes: Invalid value for option '--method': unknown method 'lime': expected gradient,"
                + " gradxinput, smoothgrad, integrated, occlusion or gradcam", "explain", "--model", m, "--method", "lime",
                "--out", out);
        assertUsage("lanes: --patch must be at most 28 for 28 x 28 images, was 29",
                "explain", "--model", m, "--method", "occlusion", "--patch", "29", "--out", out);
        assertUsage("lanes: --steps must be >= 1, was 0", "explain", "--model", m, "--steps", "0", "--out", out);
        assertUsage("lanes: Missing required option: '--out=DIR'", "explain", "--model", m);
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        assertUsage("lanes: --out " + file + " is a file, not a directory",
                "explain", "--model", m, "--out", file.toString());
        assertUsage("lanes: --plots " + file + " is a file, not a directory",
                "train", "--plots", file.toString());
        assertTrue(Files.notExists(Path.of(out)), "nothing is written when the arguments are bad");
    }

    private static void assertUsage(String firstLine, String... args) {
        CliRun r = run(args);
        assertEquals(Lanes.USAGE, r.code(), r.out() + r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""));
        assertTrue(r.err().contains("Usage: lanes " + args[0]), r.err());
    }
}
