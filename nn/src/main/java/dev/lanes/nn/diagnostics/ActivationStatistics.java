package dev.lanes.nn.diagnostics;

import dev.lanes.kernels.Activation;

/**
 * Statistics of one layer's activations over a batch: what makes saturation, dead units and collapsing or
 * exploding signals visible. Moments are over all {@code examples x units} values (NaN if one is NaN or
 * infinite, which itself says the run diverged); extremes and the histogram are over the finite values.
 *
 * @param mean              mean activation
 * @param std               standard deviation of the activations (population, divisor n)
 * @param min               smallest finite activation (NaN if none)
 * @param max               largest finite activation (NaN if none)
 * @param deadFraction      ReLU and leaky ReLU: the fraction of units whose output is {@code <= 0} for every
 *                          example of the batch (they pass no gradient, or a tiny one); NaN for other
 *                          activations
 * @param saturatedFraction sigmoid and tanh: the fraction of activations within 0.01 of a bound of the range,
 *                          where f′ is below 4 % (sigmoid) or 2 % (tanh) of its peak; NaN for other
 *                          activations
 * @param histogram         the finite activations in equal bins over {@code [min, max]}
 */
public record ActivationStatistics(double mean, double std, double min, double max, double deadFraction,
                                   double saturatedFraction, Histogram histogram) {

    /** How close to a bound of sigmoid's (0, 1) or tanh's (−1, 1) an activation counts as saturated. */
    public static final double SATURATION_MARGIN = 0.01;

    /**
     * {@return the statistics of {@code examples x units} activations of function {@code f}, row-major from index
     * 0}
     *
     * @param f the layer's activation (decides what counts as dead or saturated)
     * @param activations the layer's outputs, {@code examples x units} row-major
     * @param examples rows, {@code >= 1}
     * @param units outputs per example, {@code >= 1}
     * @param bins histogram bins, {@code >= 1}
     * @throws IllegalArgumentException if a size is below 1 or the array too short
     */
    public static ActivationStatistics of(Activation f, float[] activations, int examples, int units, int bins) {
        if (examples < 1 || units < 1 || bins < 1) {
            throw new IllegalArgumentException("examples, units and bins must be >= 1, were " + examples + ", "
                    + units + " and " + bins);
        }
        int n = Math.multiplyExact(examples, units);
        if (activations == null || activations.length < n) {
            throw new IllegalArgumentException("activations must hold " + examples + " x " + units + " = " + n
                    + " floats, has " + (activations == null ? "null" : activations.length));
        }
        double sum = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = activations[i];
            sum += v;
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = activations[i] - mean;
            squares += d * d;
        }
        boolean anyFinite = min <= max;
        long[] counts = new long[bins];
        if (anyFinite) {
            double width = ((double) max - min) / bins;
            for (int i = 0; i < n; i++) {
                float v = activations[i];
                if (Float.isFinite(v)) {
                    int bin = width > 0 ? (int) Math.min(bins - 1, (v - (double) min) / width) : 0;
                    counts[bin]++;
                }
            }
        }
        return new ActivationStatistics(mean, Math.sqrt(squares / n), anyFinite ? min : Double.NaN,
                anyFinite ? max : Double.NaN, deadFraction(f, activations, examples, units),
                saturatedFraction(f, activations, n),
                new Histogram(anyFinite ? min : Double.NaN, anyFinite ? max : Double.NaN, counts));
    }

    private static double deadFraction(Activation f, float[] a, int examples, int units) {
        if (f.kind() != Activation.Kind.RELU && f.kind() != Activation.Kind.LEAKY_RELU) {
            return Double.NaN;
        }
        int dead = 0;
        for (int j = 0; j < units; j++) {
            boolean alive = false;
            for (int i = 0; i < examples && !alive; i++) {
                alive = a[i * units + j] > 0;
            }
            if (!alive) {
                dead++;
            }
        }
        return (double) dead / units;
    }

    private static double saturatedFraction(Activation f, float[] a, int n) {
        double low;
        double high;
        switch (f.kind()) {
            case SIGMOID -> {
                low = SATURATION_MARGIN;
                high = 1 - SATURATION_MARGIN;
            }
            case TANH -> {
                low = -1 + SATURATION_MARGIN;
                high = 1 - SATURATION_MARGIN;
            }
            default -> {
                return Double.NaN;
            }
        }
        long saturated = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] <= low || a[i] >= high) {
                saturated++;
            }
        }
        return (double) saturated / n;
    }
}
