package dev.lanes.bench.report;

import java.util.Map;
import java.util.Optional;

/** The FMA peak per thread count: given on the command line, else measured by FmaPeakBench. */
final class Peaks {

    /** A peak and where it comes from ("measured" or "given"). */
    record Peak(double gflops, String source) {
    }

    private final JmhResults results;
    private final Map<Integer, Double> given;

    Peaks(JmhResults results, Map<Integer, Double> given) {
        this.results = results;
        this.given = given;
    }

    Optional<Peak> of(int threads) {
        if (given.containsKey(threads)) {
            return Optional.of(new Peak(given.get(threads), "given"));
        }
        return results.peak(threads).map(gflops -> new Peak(gflops, "measured by FmaPeakBench"));
    }
}
