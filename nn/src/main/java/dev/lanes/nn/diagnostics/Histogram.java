package dev.lanes.nn.diagnostics;

/**
 * Counts of values in {@code counts.length} equal bins spanning {@code [low, high]} (the last bin includes
 * {@code high}). Immutable: the counts are copied in and out.
 *
 * @param low    left edge of the first bin
 * @param high   right edge of the last bin
 * @param counts values per bin
 */
public record Histogram(double low, double high, long[] counts) {

    /** Compact canonical constructor: keeps a copy of the counts. */
    public Histogram {
        counts = counts.clone();
    }

    /** {@return a copy of the counts per bin} */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** {@return number of bins} */
    public int bins() {
        return counts.length;
    }

    /** {@return values counted} */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
