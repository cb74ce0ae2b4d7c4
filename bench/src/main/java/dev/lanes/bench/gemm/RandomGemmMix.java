package dev.lanes.bench.gemm;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Products of random shapes through the public {@link Gemm} API, as a long-running service calls it: every
 * transpose pair, offsets and padded leading dimensions, alpha and beta in {0, 1, random}, the fused forward
 * (bias and every elementwise activation) and {@link Gemm#sgemmTimesDerivative}. Shapes come from six families
 * chosen uniformly: tiny (all sides &lt;= 40), GEMV-like (m &lt;= 4, long n and k), skinny (one of m, n &lt;= 16),
 * short k (k &lt;= 32), medium (sides &lt;= 300) and, rarely, large (sides up to 600).
 *
 * <p>The JIT check (bench/jit-check.sh) runs it to put every kernel method through its tiers in the order a
 * real workload would, and {@link GemmPreludeBench} runs it before timing the hot shapes. It computes results
 * nobody reads; it exists to exercise the compilers, not to check numbers (the property tests do that).
 */
public final class RandomGemmMix {

    private static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.RELU,
            Activation.LEAKY_RELU, Activation.SIGMOID, Activation.TANH, Activation.SOFTPLUS, Activation.GELU,
            Activation.SILU);
    private static final int MAX_SIDE = 1100;
    private static final int PAD = 8;

    private final SplittableRandom random;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final float[] saved;
    private final float[] bias;
    private long calls;
    private double flops;

    /** A mix drawing its shapes from {@code seed}. */
    public RandomGemmMix(long seed) {
        random = new SplittableRandom(seed);
        int floats = (MAX_SIDE + PAD) * (MAX_SIDE + PAD) + PAD;
        a = filled(floats, 1);
        b = filled(floats, 2);
        c = new float[floats];
        saved = filled(floats, 3);
        bias = filled(MAX_SIDE + PAD, 4);
    }

    private static float[] filled(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Runs {@code count} random products. */
    public void run(int count) {
        for (int i = 0; i < count; i++) {
            next();
        }
    }

    /** Products run so far. */
    public long calls() {
        return calls;
    }

    /** Multiply-add FLOPs (2 m n k) of the products run so far. */
    public double flops() {
        return flops;
    }

    /** One random product. */
    public void next() {
        int m;
        int n;
        int k;
        switch (random.nextInt(6)) {
            case 0 -> {
                m = side(1, 40);
                n = side(1, 40);
                k = side(1, 40);
            }
            case 1 -> {
                m = side(1, 4);
                n = side(1, 1024);
                k = side(1, 1024);
            }
            case 2 -> {
                boolean narrowN = random.nextBoolean();
                m = narrowN ? side(1, 300) : side(1, 16);
                n = narrowN ? side(1, 16) : side(1, 300);
                k = side(1, 800);
            }
            case 3 -> {
                m = side(1, 300);
                n = side(1, 300);
                k = side(1, 32);
            }
            case 4 -> {
                m = side(1, 300);
                n = side(1, 300);
                k = side(1, 300);
            }
            default -> {
                boolean large = random.nextInt(8) == 0;
                m = side(1, large ? 600 : 160);
                n = side(1, large ? 600 : 160);
                k = side(1, large ? 600 : 160);
            }
        }
        boolean transA = random.nextBoolean();
        boolean transB = random.nextBoolean();
        int aOffset = random.nextInt(PAD);
        int bOffset = random.nextInt(PAD);
        int cOffset = random.nextInt(PAD);
        int lda = (transA ? m : k) + random.nextInt(3);
        int ldb = (transB ? k : n) + random.nextInt(3);
        int ldc = n + random.nextInt(3);
        float alpha = scalar(true);
        float beta = scalar(false);
        int form = random.nextInt(4);
        Activation f = ACTIVATIONS.get(random.nextInt(ACTIVATIONS.size()));
        if (form == 0 || form == 1) {
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else if (form == 2) {
            float[] biasOrNull = random.nextBoolean() ? bias : null;
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    biasOrNull, random.nextInt(PAD), f);
        } else {
            Gemm.sgemmTimesDerivative(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta,
                    c, cOffset, ldc, f, saved, cOffset, ldc);
        }
        calls++;
        flops += 2.0 * m * n * k;
    }

    /** Mostly 1 or 0 (the BLAS fast cases), sometimes any value. */
    private float scalar(boolean product) {
        int pick = random.nextInt(8);
        if (pick < 4) {
            return 1f;
        }
        if (pick < 6) {
            return product && random.nextInt(8) != 0 ? 1f : 0f;
        }
        return (float) (random.nextDouble() * 4 - 2);
    }

    /** A side in [min, max], small ones more often (half of the draws in the lower eighth). */
    private int side(int min, int max) {
        int top = random.nextBoolean() ? Math.max(min, max / 8) : max;
        return min + random.nextInt(top - min + 1);
    }
}
