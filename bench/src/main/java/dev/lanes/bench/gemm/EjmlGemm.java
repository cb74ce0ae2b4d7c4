package dev.lanes.bench.gemm;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * EJML's dense row-major float matrices. {@link FMatrixRMaj#wrap} shares the suite's arrays (no copy), and EJML
 * has its own transposed products, so op(A) and op(B) cost nothing extra. One thread: {@link CommonOps_FDRM};
 * more: the concurrent {@link CommonOps_MT_FDRM} with {@link EjmlConcurrency#setMaxThreads}, as EJML's users
 * choose them.
 */
final class EjmlGemm {

    private EjmlGemm() {
    }

    static void useThreads(int threads) {
        EjmlConcurrency.setMaxThreads(threads);
        if (EjmlConcurrency.getMaxThreads() != threads) {
            throw new IllegalStateException("EJML runs " + EjmlConcurrency.getMaxThreads() + " threads, wanted "
                    + threads);
        }
    }

    static GemmRunner bind(GemmOperands o, int threads) {
        GemmShape.Dims d = o.dims();
        FMatrixRMaj a = FMatrixRMaj.wrap(d.aRows(), d.lda(), o.a());
        FMatrixRMaj b = FMatrixRMaj.wrap(d.bRows(), d.ldb(), o.b());
        FMatrixRMaj c = FMatrixRMaj.wrap(d.m(), d.n(), o.c());
        boolean concurrent = threads > 1;
        if (d.transA() && d.transB()) {
            return concurrent ? () -> CommonOps_MT_FDRM.multTransAB(a, b, c) : () -> CommonOps_FDRM.multTransAB(a, b, c);
        }
        if (d.transA()) {
            return concurrent ? () -> CommonOps_MT_FDRM.multTransA(a, b, c) : () -> CommonOps_FDRM.multTransA(a, b, c);
        }
        if (d.transB()) {
            return concurrent ? () -> CommonOps_MT_FDRM.multTransB(a, b, c) : () -> CommonOps_FDRM.multTransB(a, b, c);
        }
        return concurrent ? () -> CommonOps_MT_FDRM.mult(a, b, c) : () -> CommonOps_FDRM.mult(a, b, c);
    }
}
