package dev.lanes.cli.draw;

import dev.lanes.nn.diagnostics.ActivationStatistics;
import dev.lanes.nn.diagnostics.LayerDiagnostics;
import dev.lanes.nn.train.EpochStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The XChart side of {@link Charts}: only loaded once Charts has checked that XChart is present. */
final class ChartDrawing {

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private ChartDrawing() {
    }

    /** See {@link Charts#trainingCurves}. */
    static BufferedImage trainingCurves(List<EpochStats> epochs, String title) {
        if (epochs == null || epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to chart");
        }
        XYChart chart = chart(title, "epoch", "loss");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "accuracy");
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
        }
        int color = 0;
        color = epochSeries(chart, x, epochs, "train loss", EpochStats::trainLoss, 0, color, false);
        color = epochSeries(chart, x, epochs, "validation loss", EpochStats::validationLoss, 0, color, false);
        color = epochSeries(chart, x, epochs, "train accuracy", EpochStats::trainAccuracy, 1, color, true);
        color = epochSeries(chart, x, epochs, "validation accuracy", EpochStats::validationAccuracy, 1, color, true);
        epochSeries(chart, x, epochs, "test accuracy", EpochStats::testAccuracy, 1, color, true);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static int epochSeries(XYChart chart, double[] x, List<EpochStats> epochs, String name,
                                   ToDoubleFunction<EpochStats> field, int group, int color, boolean dashed) {
        double[] y = new double[epochs.size()];
        boolean any = false;
        for (int i = 0; i < y.length; i++) {
            y[i] = finiteOrNaN(field.applyAsDouble(epochs.get(i)));
            any |= !Double.isNaN(y[i]);
        }
        if (!any) {
            return color;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setYAxisGroup(group);
        s.setMarker(SeriesMarkers.CIRCLE);
        style(s, color, dashed);
        return color + 1;
    }

    /** See {@link Charts#gradientNorms}. */
    static BufferedImage gradientNorms(List<LayerDiagnostics> samples, String title) {
        List<List<LayerDiagnostics>> layers = byLayer(samples);
        XYChart chart = chart(title, stepAxis(layers), "weight gradient norm ‖∂C/∂W‖ (log scale)");
        stepTicks(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        int added = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (List<LayerDiagnostics> layer : layers) {
            if (layerSeries(chart, layer, LayerDiagnostics::weightGradientNorm, true, "", 0, false)) {
                added++;
            }
            for (LayerDiagnostics s : layer) {
                double v = s.weightGradientNorm();
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (added == 0) {
            throw new IllegalArgumentException("no positive finite gradient norm to chart");
        }
        // Within two decades the decade ticks alone may leave the axis without a label.
        chart.getStyler().setYAxisLogarithmicDecadeOnly(max / min > 100);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** See {@link Charts#activationStatistics}. */
    static BufferedImage activationStatistics(List<LayerDiagnostics> samples, String title) {
        List<List<LayerDiagnostics>> layers = byLayer(samples);
        XYChart chart = chart(title, stepAxis(layers), "activation std");
        stepTicks(chart);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "dead (ReLU) or saturated (sigmoid, tanh) fraction");
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, 1.0);
        for (List<LayerDiagnostics> layer : layers) {
            layerSeries(chart, layer, s -> s.activations().std(), false, " std", 0, false);
            layerSeries(chart, layer, s -> {
                ActivationStatistics a = s.activations();
                return Double.isNaN(a.deadFraction()) ? a.saturatedFraction() : a.deadFraction();
            }, false, Double.isNaN(layer.get(0).activations().deadFraction()) ? " saturated" : " dead", 1, true);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static boolean layerSeries(XYChart chart, List<LayerDiagnostics> layer,
                                       ToDoubleFunction<LayerDiagnostics> field, boolean positiveOnly, String suffix,
                                       int group, boolean dashed) {
        double[] x = new double[layer.size()];
        double[] y = new double[layer.size()];
        int n = 0;
        for (LayerDiagnostics s : layer) {
            double v = field.applyAsDouble(s);
            if (Double.isFinite(v) && (!positiveOnly || v > 0)) {
                x[n] = s.step();
                y[n++] = v;
            }
        }
        if (n == 0) {
            return false;
        }
        LayerDiagnostics first = layer.get(0);
        String name = "layer " + first.layer() + " (" + first.units() + " " + first.activation() + ")" + suffix;
        XYSeries s = chart.addSeries(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        s.setYAxisGroup(group);
        s.setMarker(n == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        style(s, first.layer() - 1, dashed);
        return true;
    }

    /** From step 0, or XChart starts its ticks at the first sample rather than at a round number. */
    private static void stepTicks(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(100);
    }

    /** "step", with the steps per epoch when the samples say. */
    private static String stepAxis(List<List<LayerDiagnostics>> layers) {
        int batches = layers.get(0).get(0).batches();
        return batches > 0 ? "step (" + batches + " per epoch)" : "step";
    }

    private static List<List<LayerDiagnostics>> byLayer(List<LayerDiagnostics> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("no recorded training steps to chart");
        }
        List<List<LayerDiagnostics>> layers = new ArrayList<>();
        for (LayerDiagnostics s : samples) {
            while (layers.size() < s.layer()) {
                layers.add(new ArrayList<>());
            }
            layers.get(s.layer() - 1).add(s);
        }
        layers.removeIf(List::isEmpty);
        return layers;
    }

    /** Size of the title font when the title fits. */
    static final int TITLE_SIZE = 15;

    /** Smallest size the title font shrinks to; a title that does not fit at it is cut with "…". */
    static final int MIN_TITLE_SIZE = 10;

    /** Horizontal room the title may take: the chart's width less a margin each side. */
    static final int TITLE_WIDTH = Charts.WIDTH - 2 * 12;

    /**
     * A chart title as it is drawn: the title at the largest font size from 15 down to 10 at which it fits
     * {@link #TITLE_WIDTH}, else cut to fit at size 10 with "…" (XChart would cut both ends off).
     *
     * @param text the title
     * @param font the font to draw it with
     */
    record Title(String text, Font font) {
    }

    static Title fitTitle(String title) {
        String text = title == null ? "" : title;
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        try {
            for (int size = TITLE_SIZE; size >= MIN_TITLE_SIZE; size--) {
                Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
                FontMetrics fm = scratch.getFontMetrics(font);
                if (fm.stringWidth(text) <= TITLE_WIDTH) {
                    return new Title(text, font);
                }
            }
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, MIN_TITLE_SIZE);
            FontMetrics fm = scratch.getFontMetrics(font);
            int end = text.length();
            while (end > 0 && fm.stringWidth(text.substring(0, end) + "…") > TITLE_WIDTH) {
                end--;
            }
            return new Title(text.substring(0, end) + "…", font);
        } finally {
            scratch.dispose();
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        Title fitted = fitTitle(title);
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(fitted.text())
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        // One legend entry per line on the right: a deep network's layers do not fit in one row below.
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setChartTitleFont(fitted.font());
        styler.setMarkerSize(6);
        styler.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void style(XYSeries s, int color, boolean dashed) {
        Color c = PALETTE[color % PALETTE.length];
        s.setLineColor(c);
        s.setMarkerColor(c);
        s.setLineStyle(dashed ? SeriesLines.DASH_DASH : new BasicStroke(1.6f));
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
