package dev.lanes.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lanes.bench.gemm.GemmImpl;
import dev.lanes.bench.gemm.GemmShape;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The SGEMM and FMA-peak results found in JMH JSON files (one or more runs, merged). */
final class JmhResults {

    private static final String GEMM = "dev.lanes.bench.gemm.GemmBench.sgemm";
    private static final String SCALAR = "dev.lanes.bench.gemm.ScalarGemmBench.sgemm";
    private static final String PEAK = "dev.lanes.bench.gemm.FmaPeakBench.fma";

    /** One implementation on one shape at one thread count. */
    record Gemm(GemmShape shape, GemmImpl impl, int threads, double gflops, double relativeError) {
    }

    private final Map<String, Gemm> gemms = new LinkedHashMap<>();
    private final Map<Integer, Double> peaks = new LinkedHashMap<>();
    private final Set<String> settings = new LinkedHashSet<>();
    private final Set<String> jvms = new LinkedHashSet<>();

    static JmhResults read(List<Path> files) throws IOException {
        JmhResults results = new JmhResults();
        for (Path file : files) {
            JsonArray entries;
            try (Reader reader = Files.newBufferedReader(file)) {
                entries = JsonParser.parseReader(reader).getAsJsonArray();
            } catch (RuntimeException e) {
                throw new IOException(file + " is not a JMH JSON result file: " + e.getMessage(), e);
            }
            for (JsonElement entry : entries) {
                results.add(entry.getAsJsonObject(), file);
            }
        }
        return results;
    }

    private void add(JsonObject entry, Path file) {
        String benchmark = entry.get("benchmark").getAsString();
        JsonObject params = entry.has("params") ? entry.getAsJsonObject("params") : new JsonObject();
        switch (benchmark) {
            case GEMM -> addGemm(entry, GemmImpl.of(params.get("impl").getAsString()),
                    GemmShape.of(params.get("shape").getAsString()), params.get("threads").getAsInt(), file);
            case SCALAR -> addGemm(entry, GemmImpl.SCALAR, GemmShape.of(params.get("shape").getAsString()), 1, file);
            case PEAK -> {
                JsonObject flops = entry.getAsJsonObject("secondaryMetrics").getAsJsonObject("flops");
                double perSecond = Units.opsPerSecond(flops.get("score").getAsDouble(),
                        flops.get("scoreUnit").getAsString());
                peaks.put(entry.get("threads").getAsInt(), perSecond / 1e9);
            }
            default -> System.err.println("GemmReport: skipping " + benchmark + " in " + file);
        }
    }

    private void addGemm(JsonObject entry, GemmImpl impl, GemmShape shape, int threads, Path file) {
        JsonObject metric = entry.getAsJsonObject("primaryMetric");
        double seconds = Units.secondsPerOp(metric.get("score").getAsDouble(), metric.get("scoreUnit").getAsString());
        double error = metric.get("scoreError").getAsDouble() / metric.get("score").getAsDouble();
        Gemm gemm = new Gemm(shape, impl, threads, shape.flops() / seconds / 1e9, error);
        if (gemms.put(key(shape, impl, threads), gemm) != null) {
            System.err.println("GemmReport: " + impl.id() + " " + shape.id() + " at " + threads
                    + " thread(s) measured twice; keeping the one in " + file);
        }
        settings.add(entry.get("forks").getAsInt() + " fork(s) x (" + entry.get("warmupIterations").getAsInt()
                + " warm-up x " + entry.get("warmupTime").getAsString() + " + "
                + entry.get("measurementIterations").getAsInt() + " measured x "
                + entry.get("measurementTime").getAsString() + ")");
        List<String> args = new ArrayList<>();
        entry.getAsJsonArray("jvmArgs").forEach(arg -> args.add(arg.getAsString()));
        jvms.add(String.join(" ", args.stream().filter(arg -> !arg.startsWith("-Dlanes.threads")).toList()));
    }

    private static String key(GemmShape shape, GemmImpl impl, int threads) {
        return shape.id() + "/" + impl.id() + "/" + threads;
    }

    Optional<Gemm> gemm(GemmShape shape, GemmImpl impl, int threads) {
        return Optional.ofNullable(gemms.get(key(shape, impl, threads)));
    }

    /** Whether anything was measured for this implementation at this thread count. */
    boolean has(GemmImpl impl, int threads) {
        return gemms.values().stream().anyMatch(g -> g.impl() == impl && g.threads() == threads);
    }

    boolean has(GemmShape shape, int threads) {
        return gemms.values().stream().anyMatch(g -> g.shape() == shape && g.threads() == threads);
    }

    /** The thread counts with GEMM results, ascending. */
    List<Integer> threadCounts() {
        return gemms.values().stream().map(Gemm::threads).distinct().sorted().toList();
    }

    /** Measured FMA peak in GFLOPS at this many threads. */
    Optional<Double> peak(int threads) {
        return Optional.ofNullable(peaks.get(threads));
    }

    /** The distinct JMH iteration settings seen, e.g. "2 fork(s) x (2 warm-up x 1 s + 3 measured x 1 s)". */
    Set<String> settings() {
        return settings;
    }

    /** The distinct fork JVM options seen (the per-run -Dlanes.threads left out). */
    Set<String> jvmArgs() {
        return jvms;
    }
}
