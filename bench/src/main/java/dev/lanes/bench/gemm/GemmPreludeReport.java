package dev.lanes.bench.gemm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The markdown table of {@link GemmPreludeBench}: per hot product, the time per call in a fresh JVM and after the
 * random-shape prelude, and their ratio (1.00x: no cliff).
 *
 * <p>Usage: {@code GemmPreludeReport RESULT.json...}; prints to standard output.
 */
public final class GemmPreludeReport {

    private static final String BENCHMARK = GemmPreludeBench.class.getName() + ".product";

    private GemmPreludeReport() {
    }

    private record Cell(double micros, double error) {
    }

    /** Prints the table. */
    public static void main(String[] args) throws IOException {
        Map<HotGemms.Product, Cell> fresh = new EnumMap<>(HotGemms.Product.class);
        Map<HotGemms.Product, Cell> random = new EnumMap<>(HotGemms.Product.class);
        for (String file : args) {
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                for (JsonElement e : JsonParser.parseReader(reader).getAsJsonArray()) {
                    JsonObject entry = e.getAsJsonObject();
                    if (!entry.get("benchmark").getAsString().equals(BENCHMARK)) {
                        continue;
                    }
                    JsonObject params = entry.getAsJsonObject("params");
                    JsonObject metric = entry.getAsJsonObject("primaryMetric");
                    if (!metric.get("scoreUnit").getAsString().equals("us/op")) {
                        throw new IOException(file + ": expected us/op, got " + metric.get("scoreUnit"));
                    }
                    Cell cell = new Cell(metric.get("score").getAsDouble(), metric.get("scoreError").getAsDouble());
                    HotGemms.Product p = HotGemms.Product.of(params.get("product").getAsString());
                    (params.get("prelude").getAsString().equals("none") ? fresh : random).put(p, cell);
                }
            }
        }
        System.out.println("| product | m x n x k, as the layer calls it | fresh JVM µs | after prelude µs"
                + " | after / fresh | fresh GFLOPS |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (HotGemms.Product p : HotGemms.Product.values()) {
            Cell f = fresh.get(p);
            Cell r = random.get(p);
            if (f == null && r == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", p.id(), p.label(), format(f),
                    format(r), f != null && r != null ? String.format(Locale.ROOT, "%.2fx", r.micros / f.micros) : "–",
                    f != null ? String.format(Locale.ROOT, "%.1f", p.flops() / f.micros / 1e3) : "–");
        }
    }

    private static String format(Cell c) {
        if (c == null) {
            return "–";
        }
        String value = c.micros < 10 ? String.format(Locale.ROOT, "%.2f", c.micros)
                : String.format(Locale.ROOT, "%.1f", c.micros);
        double relative = c.error / c.micros;
        return relative > 0.05 ? value + " ±" + Math.round(relative * 100) + "%" : value;
    }
}
