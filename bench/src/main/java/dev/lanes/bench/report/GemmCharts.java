package dev.lanes.bench.report;

import dev.lanes.bench.gemm.GemmImpl;
import dev.lanes.bench.gemm.GemmShape;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/** PNG charts of GFLOPS against n for the square products, one per thread count. */
final class GemmCharts {

    private GemmCharts() {
    }

    /** Writes {@code gemm-<threads>t.png} into {@code dir} for each thread count with square sizes measured. */
    static List<Path> write(JmhResults results, Peaks peaks, Properties run, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int threads : results.threadCounts()) {
            if (Arrays.stream(GemmShape.values()).noneMatch(shape -> shape.square() && results.has(shape, threads))) {
                System.err.println("GemmReport: no square sizes measured at " + threads + " thread(s), no chart");
                continue;
            }
            Path file = dir.resolve("gemm-" + threads + "t.png");
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart(results, peaks, run, threads), out, BitmapEncoder.BitmapFormat.PNG);
            }
            files.add(file);
        }
        return files;
    }

    private static CategoryChart chart(JmhResults results, Peaks peaks, Properties run, int threads) {
        List<GemmShape> squares = Arrays.stream(GemmShape.values())
                .filter(shape -> shape.square() && results.has(shape, threads)).toList();
        List<String> sizes = squares.stream().map(GemmShape::id).toList();
        CategoryChart chart = new CategoryChartBuilder().width(960).height(600)
                .title("SGEMM C = A·B (n x n, row-major), " + threads + (threads == 1 ? " thread" : " threads")
                        + " — " + run.getProperty("cpu.model", "?") + ", JDK "
                        + run.getProperty("jdk", "?").replaceAll(".* ", ""))
                .xAxisTitle("n").yAxisTitle("GFLOPS").build();
        CategoryStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        styler.setOverlapped(true); // one x position per n for every series, not bars side by side
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setYAxisMin(0.0);
        for (GemmImpl impl : GemmTable.columns(results, threads)) {
            List<Number> gflops = new ArrayList<>();
            for (GemmShape shape : squares) {
                gflops.add(GemmTable.value(results, shape, impl, threads).map(JmhResults.Gemm::gflops).orElse(null));
            }
            if (gflops.stream().allMatch(value -> value == null)) {
                continue;
            }
            String name = impl.displayName() + (GemmTable.borrowsOneThread(impl, threads) ? " (1 thread)" : "");
            CategorySeries series = chart.addSeries(name, sizes, gflops);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(color(impl));
            series.setMarkerColor(color(impl));
            if (impl == GemmImpl.LANES) {
                series.setLineWidth(3f);
            }
        }
        peaks.of(threads).ifPresent(peak -> {
            CategorySeries line = chart.addSeries("FMA peak", sizes,
                    new ArrayList<Number>(Collections.nCopies(sizes.size(), peak.gflops())));
            line.setMarker(SeriesMarkers.NONE);
            line.setLineStyle(SeriesLines.DASH_DASH);
            line.setLineColor(Color.GRAY);
        });
        return chart;
    }

    /** One fixed color per implementation, the same in every chart. */
    private static Color color(GemmImpl impl) {
        return switch (impl) {
            case LANES -> new Color(0x1f, 0x5f, 0xd0);
            case SCALAR -> new Color(0x88, 0x88, 0x88);
            case EJML -> new Color(0x8e, 0x44, 0xad);
            case OJALGO -> new Color(0x27, 0xae, 0x60);
            case JAVABLAS -> new Color(0x8d, 0x5b, 0x2e);
            case VECTORBLAS -> new Color(0xf3, 0x9c, 0x12);
            case OPENBLAS -> new Color(0xd6, 0x27, 0x28);
        };
    }
}
