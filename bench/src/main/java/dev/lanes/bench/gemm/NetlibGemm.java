package dev.lanes.bench.gemm;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The three BLAS of dev.ludovic.netlib (netlib-java's successor), all with the Fortran column-major sgemm.
 *
 * <p>Row-major storage read column-major is the transpose, so row-major {@code C = op(A) op(B)} is computed as
 * {@code Cᵀ = op(B)ᵀ op(A)ᵀ}: the operands swap places and each keeps its own transpose flag, with no copy.
 */
final class NetlibGemm {

    private static final String PACKAGE = "dev.ludovic.netlib.blas.";

    private NetlibGemm() {
    }

    static GemmRunner bind(BLAS blas, GemmOperands o) {
        GemmShape.Dims d = o.dims();
        String transA = d.transA() ? "T" : "N";
        String transB = d.transB() ? "T" : "N";
        int m = d.m();
        int n = d.n();
        int k = d.k();
        int lda = d.lda();
        int ldb = d.ldb();
        float[] a = o.a();
        float[] b = o.b();
        float[] c = o.c();
        return () -> blas.sgemm(transB, transA, n, m, k, 1f, b, 0, ldb, a, 0, lda, 0f, c, 0, n);
    }

    /**
     * The plain-Java BLAS, as {@code JavaBLAS.getInstance()} returns it on a JVM without the Vector API. With the
     * Vector API present that call returns VectorBLAS instead, and the plain class is package-private: reached by
     * reflection, once, outside the timed region.
     */
    static BLAS javaBlas() {
        try {
            var getInstance = Class.forName(PACKAGE + "Java11BLAS").getMethod("getInstance");
            getInstance.setAccessible(true);
            return expect((BLAS) getInstance.invoke(null), "Java11BLAS");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("netlib's plain-Java BLAS (Java11BLAS) is not reachable in this netlib"
                    + " version", e);
        }
    }

    /** netlib's Vector API BLAS; the fork needs {@code --add-modules jdk.incubator.vector}, else this fails. */
    static BLAS vectorBlas() {
        return expect(JavaBLAS.getInstance(), "VectorBLAS");
    }

    /**
     * netlib's JNI binding to the system BLAS ({@code libblas.so.3} unless {@code -Ddev.ludovic.netlib.blas.nativeLib}
     * says otherwise), which must be OpenBLAS running the requested thread count.
     */
    static BLAS openBlas(int threads) {
        BLAS blas = NativeBLAS.getInstance();
        OpenBlas.Info info = OpenBlas.probe();
        if (info.threads() != threads) {
            throw new IllegalStateException("OpenBLAS runs " + info.threads() + " threads, wanted " + threads
                    + ": start JMH with OPENBLAS_NUM_THREADS=" + threads + " in its environment (forks inherit it;"
                    + " bench/run-gemm.sh does this)");
        }
        System.out.println("# OpenBLAS: " + info);
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        if (coreType != null) {
            System.out.println("# WARNING: OPENBLAS_CORETYPE=" + coreType + " forces OpenBLAS's " + info.coreName()
                    + " kernels instead of the best for this CPU; unset it (bench/run-gemm.sh does) to compare"
                    + " against its strongest code");
        }
        return blas;
    }

    private static BLAS expect(BLAS blas, String simpleName) {
        if (!blas.getClass().getName().equals(PACKAGE + simpleName)) {
            throw new IllegalStateException("netlib gave " + blas.getClass().getName() + ", wanted " + simpleName
                    + ("VectorBLAS".equals(simpleName) ? ": the fork needs --add-modules jdk.incubator.vector" : ""));
        }
        return blas;
    }
}
