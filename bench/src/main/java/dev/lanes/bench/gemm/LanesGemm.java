package dev.lanes.bench.gemm;

import dev.lanes.kernels.Gemm;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.scalar.ScalarGemm;

/** lanes' SIMD {@link Gemm#sgemm} and its scalar reference {@link ScalarGemm#sgemm}, row-major like the suite. */
final class LanesGemm {

    private LanesGemm() {
    }

    /** The signature that {@link Gemm#sgemm} and its reference {@link ScalarGemm#sgemm} share. */
    @FunctionalInterface
    private interface Sgemm {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                   float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
    }

    static GemmRunner simd(GemmOperands o) {
        if (!Kernels.simdEnabled()) {
            throw new IllegalStateException("lanes is on its scalar path (" + Kernels.describe()
                    + "): the fork needs --add-modules jdk.incubator.vector");
        }
        return runner(o, Gemm::sgemm);
    }

    static GemmRunner scalar(GemmOperands o) {
        return runner(o, ScalarGemm::sgemm);
    }

    /** C = op(A) op(B) with the operands unpacked into locals, so the measured call reads no fields. */
    private static GemmRunner runner(GemmOperands o, Sgemm f) {
        GemmShape.Dims d = o.dims();
        boolean transA = d.transA();
        boolean transB = d.transB();
        int m = d.m();
        int n = d.n();
        int k = d.k();
        int lda = d.lda();
        int ldb = d.ldb();
        float[] a = o.a();
        float[] b = o.b();
        float[] c = o.c();
        return () -> f.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
    }

    /**
     * lanes takes its thread count from {@code -Dlanes.threads=N} (what run-gemm.sh passes); without the
     * property the count is set here, so that a bare JMH run still measures what its parameter says.
     */
    static void useThreads(int threads) {
        String property = System.getProperty("lanes.threads");
        if (property != null && !property.trim().equals(Integer.toString(threads))) {
            throw new IllegalStateException("-Dlanes.threads=" + property + " but the benchmark parameter is threads="
                    + threads + ": pass the same count to both (bench/run-gemm.sh does)");
        }
        Kernels.setThreads(threads);
        if (Kernels.threads() != threads) {
            throw new IllegalStateException("lanes runs " + Kernels.threads() + " threads, wanted " + threads);
        }
    }
}
