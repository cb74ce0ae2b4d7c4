package dev.lanes.bench.gemm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The GEMM problems of the suite, row-major {@code C (m x n) = op(A) * op(B)}: square sizes, and the nine products
 * of one training step of a 784-256-128-10 MLP at batch 128 (forward, BP4 weight gradient, BP2 error propagation).
 *
 * <p>{@link #id()} is the JMH parameter value ({@code -p shape=...}); {@link #label()} how a person reads it.
 */
public enum GemmShape {
    N64("64", 64, 64, 64, false, false),
    N128("128", 128, 128, 128, false, false),
    N256("256", 256, 256, 256, false, false),
    N512("512", 512, 512, 512, false, false),
    N1024("1024", 1024, 1024, 1024, false, false),
    N2048("2048", 2048, 2048, 2048, false, false),
    /** Layer 1 forward: X (128x784) times W1ᵀ, W1 stored 256x784. */
    L1_FWD("l1-fwd", 128, 256, 784, false, true),
    /** Layer 1 weight gradient (BP4): dZ1ᵀ (dZ1 stored 128x256) times X (128x784). */
    L1_BP4("l1-bp4", 256, 784, 128, true, false),
    /** Layer 1 error propagation (BP2): dZ1 (128x256) times W1 (256x784). */
    L1_BP2("l1-bp2", 128, 784, 256, false, false),
    L2_FWD("l2-fwd", 128, 128, 256, false, true),
    L2_BP4("l2-bp4", 128, 256, 128, true, false),
    L2_BP2("l2-bp2", 128, 256, 128, false, false),
    L3_FWD("l3-fwd", 128, 10, 128, false, true),
    L3_BP4("l3-bp4", 10, 128, 128, true, false),
    L3_BP2("l3-bp2", 128, 128, 10, false, false);

    private final String id;
    private final int m;
    private final int n;
    private final int k;
    private final boolean transA;
    private final boolean transB;

    GemmShape(String id, int m, int n, int k, boolean transA, boolean transB) {
        this.id = id;
        this.m = m;
        this.n = n;
        this.k = k;
        this.transA = transA;
        this.transB = transB;
    }

    /** The shape with this JMH parameter value. */
    public static GemmShape of(String id) {
        for (GemmShape shape : values()) {
            if (shape.id.equals(id)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("unknown GEMM shape '" + id + "'; known: "
                + Arrays.stream(values()).map(GemmShape::id).collect(Collectors.joining(", ")));
    }

    /** This shape's dimensions. */
    public Dims dims() {
        return new Dims(m, n, k, transA, transB);
    }

    /** The JMH parameter value, e.g. {@code 512} or {@code l1-fwd}. */
    public String id() {
        return id;
    }

    /** Whether this is one of the square sizes (charted against n). */
    public boolean square() {
        return m == n && n == k && !transA && !transB;
    }

    /** Floating-point operations of one product: a multiply and an add per term. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** How a person reads the product, with the matrices as stored, e.g. {@code 128x784 · (256x784)ᵀ}. */
    public String label() {
        return dims().label();
    }

    /**
     * The sizes and transposes of one product; A is stored {@code transA ? k x m : m x k}, B is stored
     * {@code transB ? n x k : k x n}, all dense (leading dimension = stored row length).
     */
    public record Dims(int m, int n, int k, boolean transA, boolean transB) {

        /** Row stride of A as stored. */
        public int lda() {
            return transA ? m : k;
        }

        /** Row stride of B as stored. */
        public int ldb() {
            return transB ? k : n;
        }

        /** Rows of A as stored. */
        public int aRows() {
            return transA ? k : m;
        }

        /** Rows of B as stored. */
        public int bRows() {
            return transB ? n : k;
        }

        String label() {
            String a = transA ? "(" + k + "x" + m + ")ᵀ" : m + "x" + k;
            String b = transB ? "(" + n + "x" + k + ")ᵀ" : k + "x" + n;
            return a + " · " + b;
        }
    }
}
