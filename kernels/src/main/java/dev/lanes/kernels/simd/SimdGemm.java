package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.GemmBlocking.DIRECT_MAX_M;
import static dev.lanes.kernels.simd.GemmBlocking.DIRECT_MAX_VOLUME;
import static dev.lanes.kernels.simd.GemmBlocking.PARALLEL_MIN_VOLUME;
import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

import dev.lanes.kernels.internal.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Vector API SGEMM behind {@link dev.lanes.kernels.Gemm}: handles the BLAS corner cases, picks the direct,
 * the unpacked (sup) or the packed path, and splits large problems across the worker pool. Arguments are trusted
 * (the façade checked them).
 */
public final class SimdGemm {

    private static final ThreadLocal<ParallelCall> CALLS = ThreadLocal.withInitial(ParallelCall::new);

    private SimdGemm() {
    }

    /** {@code C = epilogue(alpha * op(A) * op(B) + beta * C)}; {@code epilogue} may be null. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOffset, ldc);
        } else if (direct(transA, transB, m, n, k)) {
            DirectGemm.multiply(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc);
        } else {
            blocked(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    epilogue);
            return;
        }
        if (epilogue != null) {
            epilogue.finish(c, cOffset, ldc, 0, 0, m, n);
        }
    }

    /** C = beta * C, the whole product when alpha or k is 0; beta == 0 writes zeros without reading C. */
    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j += Species.L) {
                VectorMask<Float> mask = Species.F.indexInRange(j, n);
                FloatVector v = beta == 0f ? FloatVector.zero(Species.F)
                        : FloatVector.fromArray(Species.F, c, row + j, mask).mul(beta);
                v.intoArray(c, row + j, mask);
            }
        }
    }

    private static boolean direct(boolean transA, boolean transB, int m, int n, int k) {
        return DirectGemm.supports(transA, transB)
                && (m <= DIRECT_MAX_M || (long) m * n * k <= DIRECT_MAX_VOLUME);
    }

    /**
     * The tiled paths, split across the worker pool when large enough: {@link SupGemm} when the operands stay in
     * L2 without packing ({@link GemmBlocking#sup}), else the packed {@link GemmDriver}.
     */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        boolean unpacked = GemmBlocking.sup(transB, m, n, k);
        WorkerPool pool = WorkerPool.get();
        int colPanels = (n + NR - 1) / NR;
        int rowPanels = (m + MR - 1) / MR;
        // Splitting the columns costs nothing extra (each thread packs its own B panels and re-packs A as
        // often as one thread would); splitting the rows makes every thread pack all of B, so it is the
        // fallback for narrow C.
        boolean splitColumns = colPanels >= pool.threads() || colPanels >= rowPanels;
        int parts = (long) m * n * k < PARALLEL_MIN_VOLUME ? 1
                : Math.min(pool.threads(), splitColumns ? colPanels : rowPanels);
        if (parts <= 1) {
            part(unpacked, transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    0, m, 0, n, epilogue);
            return;
        }
        ParallelCall call = CALLS.get();
        call.set(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                epilogue, splitColumns, unpacked);
        try {
            pool.run(call, parts);
        } finally {
            call.clear();
        }
    }

    /** Rows [rowFrom, rowTo) x columns [colFrom, colTo) of C by the unpacked or the packed path. */
    private static void part(boolean unpacked, boolean transA, boolean transB, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc,
                             int rowFrom, int rowTo, int colFrom, int colTo, Epilogue epilogue) {
        if (unpacked) {
            SupGemm.multiply(transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    rowFrom, rowTo, colFrom, colTo, epilogue);
        } else {
            GemmDriver.multiply(transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    rowFrom, rowTo, colFrom, colTo, epilogue);
        }
    }

    /**
     * One caller's parallel GEMM, kept per thread and reused so a call allocates nothing. Part i of p takes a
     * contiguous run of whole NR-column (or MR-row) panels.
     */
    private static final class ParallelCall implements WorkerPool.Job {
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private float alpha;
        private float[] a;
        private int aOffset;
        private int lda;
        private float[] b;
        private int bOffset;
        private int ldb;
        private float beta;
        private float[] c;
        private int cOffset;
        private int ldc;
        private Epilogue epilogue;
        private boolean splitColumns;
        private boolean unpacked;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                 float beta, float[] c, int cOffset, int ldc, Epilogue epilogue, boolean splitColumns,
                 boolean unpacked) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOffset = aOffset;
            this.lda = lda;
            this.b = b;
            this.bOffset = bOffset;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOffset = cOffset;
            this.ldc = ldc;
            this.epilogue = epilogue;
            this.splitColumns = splitColumns;
            this.unpacked = unpacked;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
            epilogue = null;
        }

        @Override
        public void runPart(int part, int parts) {
            if (splitColumns) {
                int panels = (n + NR - 1) / NR;
                int from = Math.min(n, panels * part / parts * NR);
                int to = Math.min(n, panels * (part + 1) / parts * NR);
                part(unpacked, transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                        0, m, from, to, epilogue);
            } else {
                int panels = (m + MR - 1) / MR;
                int from = Math.min(m, panels * part / parts * MR);
                int to = Math.min(m, panels * (part + 1) / parts * MR);
                part(unpacked, transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                        from, to, 0, n, epilogue);
            }
        }
    }
}
