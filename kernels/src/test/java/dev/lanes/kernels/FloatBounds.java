package dev.lanes.kernels;

/**
 * Error bounds for comparing a float kernel with its float reference, derived in docs/numerics.md.
 * {@code u = 2^-24} is the unit roundoff of float; a sum of k products computed in any order with FMA or
 * separate multiply-add differs from the exact sum by at most {@code gamma(k) * sum|a_i b_i|}, with
 * {@code gamma(k) = k u / (1 - k u)}.
 */
final class FloatBounds {

    static final double U = 0x1p-24;

    private FloatBounds() {
    }

    static double gamma(int operations) {
        double ku = operations * U;
        return ku / (1 - ku);
    }

    /**
     * GEMM: both results are within {@code gamma(k + 20)} of the exact value times
     * {@code |alpha| sum_p |a_ip b_pj| + |beta c_ij|}: k accumulations, plus at most 16 for a lane reduction,
     * plus alpha, beta, the final add and one per KC slice boundary (at most 16: the tests keep k below
     * KB + 40, and KB is at most 16 KC).
     * Their difference is within twice that.
     */
    static double gemm(int k, double magnitude) {
        return 2 * gamma(k + 20) * magnitude;
    }
}
