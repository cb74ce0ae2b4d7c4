package dev.lanes.bench.gemm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The SGEMM implementations compared: lanes, its scalar reference, and the peers a user would pick instead.
 * {@link #id()} is the JMH parameter value ({@code -p impl=...}).
 */
public enum GemmImpl {
    LANES("lanes", "lanes", true),
    SCALAR("scalar", "lanes scalar", false),
    EJML("ejml", "EJML", true),
    OJALGO("ojalgo", "ojAlgo", true),
    JAVABLAS("javablas", "JavaBLAS", false),
    VECTORBLAS("vectorblas", "VectorBLAS", false),
    OPENBLAS("openblas", "OpenBLAS", true);

    private final String id;
    private final String displayName;
    private final boolean multiThreaded;

    GemmImpl(String id, String displayName, boolean multiThreaded) {
        this.id = id;
        this.displayName = displayName;
        this.multiThreaded = multiThreaded;
    }

    /** The implementation with this JMH parameter value. */
    public static GemmImpl of(String id) {
        for (GemmImpl impl : values()) {
            if (impl.id.equals(id)) {
                return impl;
            }
        }
        throw new IllegalArgumentException("unknown GEMM implementation '" + id + "'; known: "
                + Arrays.stream(values()).map(GemmImpl::id).collect(Collectors.joining(", ")));
    }

    /** The JMH parameter value, e.g. {@code openblas}. */
    public String id() {
        return id;
    }

    /** The name in reports. */
    public String displayName() {
        return displayName;
    }

    /** Whether it can use more than one thread (netlib's Java BLAS and the scalar reference cannot). */
    public boolean multiThreaded() {
        return multiThreaded;
    }

    /**
     * Sets, or checks, the implementation's own thread count.
     *
     * @throws IllegalStateException if it cannot run {@code threads} threads or its environment says otherwise
     */
    void useThreads(int threads) {
        if (threads < 1 || (!multiThreaded && threads != 1)) {
            throw new IllegalStateException(displayName + " runs one thread only, asked for threads=" + threads);
        }
        switch (this) {
            case LANES -> LanesGemm.useThreads(threads);
            case EJML -> EjmlGemm.useThreads(threads);
            case OJALGO -> OjAlgoGemm.useThreads(threads);
            // OpenBLAS reads OPENBLAS_NUM_THREADS when it loads: checked when bound.
            case OPENBLAS, SCALAR, JAVABLAS, VECTORBLAS -> {
            }
        }
    }

    /** This implementation computing {@code C = op(A) op(B)} on these operands. */
    GemmRunner bind(GemmOperands operands, int threads) {
        return switch (this) {
            case LANES -> LanesGemm.simd(operands);
            case SCALAR -> LanesGemm.scalar(operands);
            case EJML -> EjmlGemm.bind(operands, threads);
            case OJALGO -> OjAlgoGemm.bind(operands);
            case JAVABLAS -> NetlibGemm.bind(NetlibGemm.javaBlas(), operands);
            case VECTORBLAS -> NetlibGemm.bind(NetlibGemm.vectorBlas(), operands);
            case OPENBLAS -> NetlibGemm.bind(NetlibGemm.openBlas(threads), operands);
        };
    }
}
