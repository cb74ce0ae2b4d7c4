package dev.lanes.cli.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.image.ImageOutput;
import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import dev.lanes.nn.diagnostics.ActivationStatistics;
import dev.lanes.nn.diagnostics.LayerDiagnostics;
import dev.lanes.nn.explain.Attribution;
import dev.lanes.nn.explain.Explainer;
import dev.lanes.nn.explain.Score;
import dev.lanes.nn.train.EpochStats;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heatmaps and charts: the documented sizes, readable PNGs, and colors that mean what the docs say. */
class PicturesTest {

    private static final int SIDE = 6;
    private static final int COUNT = 5;

    private static Attribution attribution(float[] x) {
        Network net = Network.builder().input(SIDE * SIDE).dense(4, Activation.RELU).dense(3, Activation.SOFTMAX)
                .seed(2).build();
        return new Explainer(net).gradient(x, COUNT, Explainer.PREDICTED, Score.LOGIT);
    }

    private static float[] inputs() {
        Random random = new Random(4);
        float[] x = new float[COUNT * SIDE * SIDE];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }

    private static BufferedImage roundTrip(BufferedImage image, Path file) throws IOException {
        ImageOutput.writePng(image, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(image.getWidth(), read.getWidth());
        assertEquals(image.getHeight(), read.getHeight());
        return read;
    }

    @Test
    void panelsAndGridsHaveTheDocumentedSizeAndReadBack(@TempDir Path dir) throws IOException {
        float[] x = inputs();
        Attribution a = attribution(x);
        int scale = 5;
        BufferedImage panel = roundTrip(Heatmaps.panel(a, 2, x, SIDE, SIDE, scale, "caption"), dir.resolve("p.png"));
        float s = Heatmaps.scaleOf(a.values(), 2 * SIDE * SIDE, SIDE * SIDE);
        HeatmapLayout.Panel layout = Heatmaps.panelLayout(SIDE * scale, SIDE * scale, "caption", s);
        assertEquals(layout.width(), panel.getWidth());
        assertEquals(layout.height(), panel.getHeight());
        // 30-pixel maps are narrower than their labels: the columns widen to the labels.
        assertTrue(layout.column() > SIDE * scale, "column " + layout.column());
        assertEquals(3 * layout.column() + 4 * Heatmaps.PAD, panel.getWidth());
        // A caption longer than the width wraps onto more lines.
        String words = "a long caption that cannot fit on one line of a panel this narrow".repeat(2);
        BufferedImage wrapped = Heatmaps.panel(a, 2, x, SIDE, SIDE, scale, words);
        HeatmapLayout.Panel wrappedLayout = Heatmaps.panelLayout(SIDE * scale, SIDE * scale, words, s);
        assertTrue(wrappedLayout.caption().size() >= 3, "lines " + wrappedLayout.caption().size());
        assertEquals(wrappedLayout.height(), wrapped.getHeight());
        int lineHeight = wrappedLayout.caption().get(1).baseline() - wrappedLayout.caption().get(0).baseline();
        assertEquals((wrappedLayout.caption().size() - 1) * lineHeight, wrapped.getHeight() - panel.getHeight());

        int[] labels = {0, 1, 2, 0, 1};
        List<String> names = List.of("zero", "one", "two");
        BufferedImage grid = roundTrip(Heatmaps.grid(a, x, SIDE, SIDE, labels, names, 2, scale, "title"),
                dir.resolve("g.png"));
        int[] predicted = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            predicted[i] = a.predictedClass(i);
        }
        HeatmapLayout.Grid gridLayout = Heatmaps.gridLayout(COUNT, 2, SIDE * scale, SIDE * scale, "title", labels,
                predicted, names);
        // 5 examples in 2 columns: 3 grid rows.
        assertEquals(2 * (gridLayout.cell() + Heatmaps.PAD) + Heatmaps.PAD, grid.getWidth());
        assertEquals(gridLayout.height(), grid.getHeight());
        assertEquals(gridLayout.cellY()[4] - gridLayout.cellY()[0], 2 * (gridLayout.cellY()[2] - gridLayout.cellY()[0]));

        BufferedImage overlay = Heatmaps.overlay(x, 0, a.values(), 0, SIDE, SIDE, scale);
        assertEquals(SIDE * scale, overlay.getWidth());
        assertEquals(SIDE * scale, overlay.getHeight());
    }

    @Test
    void zeroIsWhiteAndTheSignPicksRedOrBlue() {
        assertEquals(0xFFFFFF, Colormap.rgb(0));
        int red = Colormap.rgb(1);
        int blue = Colormap.rgb(-1);
        assertTrue((red >> 16 & 0xFF) > (red & 0xFF), "positive is red: " + Integer.toHexString(red));
        assertTrue((blue & 0xFF) > (blue >> 16 & 0xFF), "negative is blue: " + Integer.toHexString(blue));
        assertEquals(red, Colormap.rgb(7), "clamped");

        // Input at its minimum under a zero attribution: white paper. At its maximum: the mid-gray stroke.
        float[] input = {0, 1, 0, 1};
        float[] map = {0, 0, 1, -1};
        BufferedImage o = Heatmaps.overlay(input, 0, map, 0, 2, 2, 1);
        assertEquals(0xFFFFFF, o.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x808080, o.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(red, o.getRGB(0, 1) & 0xFFFFFF);
        assertNotEquals(blue, o.getRGB(1, 1) & 0xFFFFFF, "a stroke under blue is darker than blue");
        int darkBlue = o.getRGB(1, 1);
        assertTrue((darkBlue & 0xFF) > (darkBlue >> 16 & 0xFF));
    }

    @Test
    void theColorScaleIsThe99thPercentileOfTheMagnitudes() {
        float[] map = new float[200];
        for (int i = 0; i < map.length; i++) {
            map[i] = i % 2 == 0 ? i : -i;
        }
        // |values| 0..199: index floor(0.99 * 199) = 197 of the sorted magnitudes.
        assertEquals(197f, Heatmaps.scaleOf(map, 0, 200));
        assertEquals(1f, Heatmaps.scaleOf(new float[4], 0, 4));
        assertEquals(3f, Heatmaps.scaleOf(new float[] {0, 0, 0, 3}, 0, 4));
    }

    @Test
    void chartsHaveTheDocumentedSizeAndReadBack(@TempDir Path dir) throws IOException {
        List<EpochStats> epochs = List.of(
                new EpochStats(1, 0.9, 0.7, Double.NaN, Double.NaN, 0.8, 1, 0.1f),
                new EpochStats(2, 0.5, 0.85, Double.NaN, Double.NaN, 0.88, 1, 0.1f));
        List<LayerDiagnostics> samples = new ArrayList<>();
        for (int step = 1; step <= 20; step++) {
            for (int layer = 1; layer <= 3; layer++) {
                ActivationStatistics a = ActivationStatistics.of(layer == 3 ? Activation.SOFTMAX : Activation.RELU,
                        new float[] {0, step, layer, 1}, 2, 2, 4);
                // A diverged step (NaN, infinite or zero norm) is left out of the log-scale chart, not fatal.
                double norm = step == 20 ? Double.NaN : step == 19 ? 0 : Math.pow(10, -layer) / step;
                samples.add(new LayerDiagnostics(1, step, 20, step, layer, layer == 3 ? "softmax" : "relu", 2, a, norm,
                        norm));
            }
        }
        for (BufferedImage chart : List.of(Charts.trainingCurves(epochs, "curves"),
                Charts.gradientNorms(samples, "norms"), Charts.activationStatistics(samples, "activations"))) {
            assertEquals(Charts.WIDTH, chart.getWidth());
            assertEquals(Charts.HEIGHT, chart.getHeight());
            Path file = dir.resolve("chart.png");
            ImageOutput.writePng(chart, file);
            BufferedImage read = ImageIO.read(file.toFile());
            assertEquals(Charts.WIDTH, read.getWidth());
            assertEquals(Charts.HEIGHT, read.getHeight());
        }
        assertEquals("no epochs to chart",
                assertThrows(IllegalArgumentException.class, () -> Charts.trainingCurves(List.of(), "t")).getMessage());
        assertEquals("no recorded training steps to chart",
                assertThrows(IllegalArgumentException.class, () -> Charts.gradientNorms(List.of(), "t")).getMessage());
    }

    @Test
    void badPictureArgumentsSayWhich(@TempDir Path dir) {
        float[] x = inputs();
        Attribution a = attribution(x);
        assertEquals("rows x cols = 5 x 6 must equal the 36 features of the attribution",
                assertThrows(IllegalArgumentException.class, () -> Heatmaps.panel(a, 0, x, 5, 6, 4, ""))
                        .getMessage());
        assertEquals("scale must be in 1 to 64, was 0",
                assertThrows(IllegalArgumentException.class, () -> Heatmaps.panel(a, 0, x, 6, 6, 0, ""))
                        .getMessage());
        assertEquals("example must be in 0 to 4, was 5",
                assertThrows(IllegalArgumentException.class, () -> Heatmaps.panel(a, 5, x, 6, 6, 4, ""))
                        .getMessage());
        assertEquals("inputs holds 36 floats, too few for 180 values at offset 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Heatmaps.grid(a, new float[36], 6, 6, null, null, 4, 2, "")).getMessage());
        Path missing = dir.resolve("no/such/dir/x.png");
        assertThrows(FileNotFoundException.class,
                () -> ImageOutput.writePng(Heatmaps.overlay(x, 0, a.values(), 0, 6, 6, 1), missing));
    }
}
