package dev.lanes.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Turns the JMH JSON of the SGEMM suite into a markdown table (for docs/benchmarks.md) and PNG charts.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.lanes.bench.report.GemmReport [--results DIR]
 * [--markdown FILE] [--charts DIR] [--peak THREADS=GFLOPS]... [FILE.json...]}. It reads every {@code *.json} in
 * the results directory (default bench/results) or the files named, and {@value RunInfo#FILE_NAME} there for the
 * machine and command. The markdown defaults to {@code DIR/gemm.md}, the charts to {@code DIR}. "% of peak" uses
 * FmaPeakBench's measurement unless {@code --peak} gives one.
 */
public final class GemmReport {

    private GemmReport() {
    }

    /** Writes the markdown and the charts; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path resultsDir = Path.of("bench/results");
        Path markdown = null;
        Path charts = null;
        Map<Integer, Double> givenPeaks = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                files.add(Path.of(option));
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--results" -> resultsDir = Path.of(value);
                case "--markdown" -> markdown = Path.of(value);
                case "--charts" -> charts = Path.of(value);
                case "--peak" -> {
                    String[] parts = value.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--peak wants THREADS=GFLOPS, e.g. --peak 1=204.8, not " + value);
                    }
                    givenPeaks.put(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
                }
                default -> throw new IllegalArgumentException("unknown option " + option + "; usage: GemmReport"
                        + " [--results DIR] [--markdown FILE] [--charts DIR] [--peak THREADS=GFLOPS]... [FILE.json...]");
            }
        }
        if (files.isEmpty()) {
            try (Stream<Path> listing = Files.list(resultsDir)) {
                files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no JMH JSON results in " + resultsDir + " (run bench/run-gemm.sh)");
        }
        markdown = markdown != null ? markdown : resultsDir.resolve("gemm.md");
        charts = charts != null ? charts : resultsDir;

        JmhResults results = JmhResults.read(files);
        Properties run = runInfo(resultsDir);
        Peaks peaks = new Peaks(results, givenPeaks);
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.writeString(markdown, GemmTable.render(results, peaks, run));
        System.out.println("GemmReport: read " + files.size() + " file(s); wrote " + markdown);
        for (Path chart : GemmCharts.write(results, peaks, run, charts)) {
            System.out.println("GemmReport: wrote " + chart);
        }
    }

    /** The run's machine and commands; when the run left none, this machine's, marked as such. */
    private static Properties runInfo(Path resultsDir) throws IOException {
        Path file = resultsDir.resolve(RunInfo.FILE_NAME);
        if (Files.exists(file)) {
            Properties run = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                run.load(reader);
            }
            return run;
        }
        System.err.println("GemmReport: no " + file + "; describing this machine instead, which may not be the one"
                + " that ran the benchmarks");
        Properties run = RunInfo.machine();
        run.setProperty("command", "(not recorded)");
        run.setProperty("date", "(not recorded)");
        return run;
    }
}
