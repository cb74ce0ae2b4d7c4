package dev.lanes.bench.gemm;

import org.ojalgo.OjAlgoUtils;
import org.ojalgo.concurrent.Parallelism;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/**
 * ojAlgo's dense float store {@link R032Store}. It is column-major, so a row-major array wrapped as a store is the
 * transpose of the matrix it holds; the product is therefore computed as {@code Cᵀ = op(B)ᵀ op(A)ᵀ}, whose
 * column-major storage is exactly row-major C. {@link R032Store#wrap} shares the suite's arrays (no copy).
 *
 * <p>A transpose is ojAlgo's own lazy {@code transpose()} view: no copy, but the product then takes ojAlgo's
 * generic element-access path (MultiplyLeft/MultiplyRight) instead of its raw-array one. Threads: ojAlgo sizes
 * its pools from {@link OjAlgoUtils#limitThreadsTo}.
 */
final class OjAlgoGemm {

    private OjAlgoGemm() {
    }

    static void useThreads(int threads) {
        OjAlgoUtils.limitThreadsTo(threads);
        if (Parallelism.THREADS.getAsInt() != threads) {
            throw new IllegalStateException("ojAlgo runs " + Parallelism.THREADS.getAsInt() + " threads, wanted "
                    + threads);
        }
    }

    static GemmRunner bind(GemmOperands o) {
        GemmShape.Dims d = o.dims();
        R032Store storedAT = R032Store.wrap(o.a(), d.lda());
        R032Store storedBT = R032Store.wrap(o.b(), d.ldb());
        R032Store cT = R032Store.wrap(o.c(), d.n());
        MatrixStore<Double> opBT = d.transB() ? storedBT.transpose() : storedBT;
        MatrixStore<Double> opAT = d.transA() ? storedAT.transpose() : storedAT;
        return () -> cT.fillByMultiplying(opBT, opAT);
    }
}
