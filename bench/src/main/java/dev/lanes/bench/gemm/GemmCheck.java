package dev.lanes.bench.gemm;

import dev.lanes.kernels.scalar.ScalarGemm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Proves, before any timing, that an implementation computes the same product as lanes' scalar reference, so
 * that every implementation in a table did the same work.
 *
 * <p>Tolerance, derived rather than tuned: a float dot product of k terms, summed in any order (blocked, split,
 * with or without FMA), is within {@code gamma(k) * sum_p |a_ip b_pj|} of the exact value, with
 * {@code gamma(k) = k u / (1 - k u)} and {@code u = 2^-24} (Higham, Accuracy and Stability, 3.1 and 3.5): each
 * term passes through at most k roundings. Alpha is 1 and beta 0 here, which add no rounding. Two float results
 * are hence within {@code 2 gamma(k) sum|a b|} of each other; a float result and a double reference within
 * {@code (gamma(k) + gamma_double(k)) sum|a b|}. A wrong transpose, a swapped operand or a missed tail is off by
 * order {@code sum|a b|} itself, millions of times more.
 */
final class GemmCheck {

    /** A small case with odd sizes: tails in every dimension, for every library's blocking. */
    private static final int SMALL_M = 37;
    private static final int SMALL_N = 29;
    private static final int SMALL_K = 45;
    /** Entries of a large C compared with the double reference (each costs one k-term dot product). */
    private static final int SAMPLES = 4096;

    private GemmCheck() {
    }

    /**
     * Binds {@code impl} to the operands of {@code shape} after checking it on a small case against the scalar
     * reference, and its first result on {@code shape} against a double-precision reference.
     *
     * @throws IllegalStateException if a result is wrong, naming the implementation, case and entry
     */
    static GemmRunner verifiedRunner(GemmImpl impl, GemmShape shape, int threads) {
        impl.useThreads(threads);
        GemmShape.Dims full = shape.dims();

        GemmShape.Dims smallDims = new GemmShape.Dims(SMALL_M, SMALL_N, SMALL_K, full.transA(), full.transB());
        GemmOperands small = GemmOperands.random(smallDims, 1);
        float[] expected = new float[SMALL_M * SMALL_N];
        ScalarGemm.sgemm(smallDims.transA(), smallDims.transB(), SMALL_M, SMALL_N, SMALL_K, 1f,
                small.a(), 0, smallDims.lda(), small.b(), 0, smallDims.ldb(), 0f, expected, 0, SMALL_N);
        runOnce(impl.bind(small, threads), small);
        for (int i = 0; i < SMALL_M; i++) {
            for (int j = 0; j < SMALL_N; j++) {
                double bound = 2 * gammaFloat(SMALL_K) * magnitude(small, i, j);
                expectClose(impl, smallDims, i, j, small.c()[i * SMALL_N + j], expected[i * SMALL_N + j],
                        bound, "the scalar reference");
            }
        }

        GemmOperands operands = GemmOperands.random(full, 2);
        GemmRunner runner = impl.bind(operands, threads);
        runOnce(runner, operands);
        SplittableRandom random = new SplittableRandom(3);
        boolean everyEntry = (long) full.m() * full.n() <= SAMPLES;
        int count = everyEntry ? full.m() * full.n() : SAMPLES;
        for (int s = 0; s < count; s++) {
            int i;
            int j;
            if (everyEntry) {
                i = s / full.n();
                j = s % full.n();
            } else if (s < 4) { // the corners, where tails go wrong
                i = (s & 1) == 0 ? 0 : full.m() - 1;
                j = (s & 2) == 0 ? 0 : full.n() - 1;
            } else {
                i = random.nextInt(full.m());
                j = random.nextInt(full.n());
            }
            double bound = (gammaFloat(full.k()) + gammaDouble(full.k())) * magnitude(operands, i, j);
            expectClose(impl, full, i, j, operands.c()[i * full.n() + j], exactDot(operands, i, j), bound,
                    "a double-precision dot product");
        }
        return runner;
    }

    /** Runs once into a C full of NaN: with beta = 0, C is output only and no NaN may survive. */
    private static void runOnce(GemmRunner runner, GemmOperands operands) {
        Arrays.fill(operands.c(), Float.NaN);
        runner.multiply();
    }

    private static double exactDot(GemmOperands o, int i, int j) {
        double sum = 0;
        for (int p = 0; p < o.dims().k(); p++) {
            sum += (double) o.opA(i, p) * o.opB(p, j);
        }
        return sum;
    }

    private static double magnitude(GemmOperands o, int i, int j) {
        double sum = 0;
        for (int p = 0; p < o.dims().k(); p++) {
            sum += Math.abs((double) o.opA(i, p) * o.opB(p, j));
        }
        return sum;
    }

    private static double gammaFloat(int k) {
        double ku = k * 0x1p-24;
        return ku / (1 - ku);
    }

    private static double gammaDouble(int k) {
        double ku = k * 0x1p-53;
        return ku / (1 - ku);
    }

    private static void expectClose(GemmImpl impl, GemmShape.Dims dims, int i, int j, float actual,
                                    double expected, double bound, String against) {
        if (!(Math.abs(actual - expected) <= bound)) {
            throw new IllegalStateException(impl.displayName() + " computes a wrong product for " + dims.label()
                    + " (m=" + dims.m() + ", n=" + dims.n() + ", k=" + dims.k() + "): C[" + i + "][" + j + "] = "
                    + actual + ", " + against + " gives " + expected + ", allowed difference " + bound
                    + ". Its timings would not be comparable: fix its binding (GemmImpl." + impl.name() + ") first.");
        }
    }
}
