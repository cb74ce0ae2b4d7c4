package dev.lanes.cli.draw;

import dev.lanes.nn.RecurrentLayer;
import dev.lanes.nn.diagnostics.TimeStepGradients;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a {@link TimeStepGradients} recording: ‖∂C/∂h_t‖ against the time step t, log scale, one line per
 * recurrent layer and epoch (at most {@link #MAX_EPOCHS} epochs, the first and the last among them), the later
 * epochs darker. A vanishing gradient is a line that falls from the last step towards the first.
 */
public final class TimeGradientChart {

    /** Epoch lines drawn per layer, at most. */
    public static final int MAX_EPOCHS = 6;

    private static final Color[] LAYER_COLORS = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189),
    };

    private TimeGradientChart() {
    }

    /**
     * Draws the recording.
     *
     * @param recording what a training run recorded, at least one finished epoch
     * @param title     the chart's title
     * @return the chart, {@link Charts#WIDTH} x {@link Charts#HEIGHT}
     * @throws IllegalArgumentException if no epoch finished or no norm is positive and finite
     */
    public static BufferedImage draw(TimeStepGradients recording, String title) {
        List<double[][]> epochs = recording.epochs();
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no finished epoch to chart");
        }
        XYChart chart = chart(title);
        List<RecurrentLayer> layers = recording.layers();
        List<Integer> shown = shownEpochs(epochs.size());
        int added = 0;
        for (int k = 0; k < layers.size(); k++) {
            for (int i = 0; i < shown.size(); i++) {
                int e = shown.get(i);
                String name = "layer " + (k + 1) + " " + layers.get(k).spec().type() + ", epoch " + (e + 1);
                if (series(chart, name, epochs.get(e)[k],
                        shade(LAYER_COLORS[k % LAYER_COLORS.length], i, shown.size()))) {
                    added++;
                }
            }
        }
        if (added == 0) {
            throw new IllegalArgumentException("no positive finite gradient norm to chart");
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Draws several runs' curves on one chart, e.g. an RNN's, an LSTM's and a GRU's last epoch on the same task:
     * ‖∂C/∂h_t‖ against t, log scale, one line per run.
     *
     * @param names  each run's legend entry
     * @param norms  each run's norms per time step (NaN or non-positive values are left out)
     * @param title  the chart's title
     * @return the chart, {@link Charts#WIDTH} x {@link Charts#HEIGHT}
     * @throws IllegalArgumentException if the lists differ in length or no norm is positive and finite
     */
    public static BufferedImage compare(List<String> names, List<double[]> norms, String title) {
        if (names.size() != norms.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + norms.size() + " runs");
        }
        XYChart chart = chart(title);
        // The legend below: a few long entries, and the plot keeps the whole width for the steps.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        int added = 0;
        for (int r = 0; r < names.size(); r++) {
            if (series(chart, names.get(r), norms.get(r), LAYER_COLORS[r % LAYER_COLORS.length])) {
                added++;
            }
        }
        if (added == 0) {
            throw new IllegalArgumentException("no positive finite gradient norm to chart");
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart chart(String title) {
        ChartDrawing.Title fitted = ChartDrawing.fitTitle(title);
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(fitted.text())
                .xAxisTitle("time step t (the loss is at the last step)")
                .yAxisTitle("mean ‖∂C/∂h_t‖ per batch (log scale)").build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setChartTitleFont(fitted.font());
        styler.setAntiAlias(true);
        styler.setYAxisLogarithmic(true);
        return chart;
    }

    /** Adds the positive finite norms as a line; false if there is none. */
    private static boolean series(XYChart chart, String name, double[] norms, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int t = 0; t < norms.length; t++) {
            if (Double.isFinite(norms[t]) && norms[t] > 0) {
                x.add((double) t);
                y.add(norms[t]);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.8f));
        return true;
    }

    /** The first and last epoch and evenly spaced ones between, at most {@link #MAX_EPOCHS}. */
    private static List<Integer> shownEpochs(int count) {
        List<Integer> shown = new ArrayList<>();
        int n = Math.min(count, MAX_EPOCHS);
        for (int i = 0; i < n; i++) {
            int e = n == 1 ? count - 1 : (int) Math.round(i * (count - 1) / (double) (n - 1));
            if (shown.isEmpty() || shown.get(shown.size() - 1) != e) {
                shown.add(e);
            }
        }
        return shown;
    }

    /** The layer's colour, light for the first epoch shown and full for the last. */
    private static Color shade(Color c, int i, int n) {
        double f = n == 1 ? 1 : 0.35 + 0.65 * i / (n - 1);
        return new Color(mix(c.getRed(), f), mix(c.getGreen(), f), mix(c.getBlue(), f));
    }

    private static int mix(int channel, double f) {
        return (int) Math.round(255 - (255 - channel) * f);
    }
}
