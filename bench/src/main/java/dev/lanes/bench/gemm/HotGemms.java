package dev.lanes.bench.gemm;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Gemm;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The products a 784-256-128-10 ReLU MLP runs all the time, called as its dense layers call them, on fixed
 * operands: batch-1 inference (three GEMVs {@code x Wᵀ} with bias and activation fused) and the nine products of a
 * batch-128 training step ({@link GemmShape}'s {@code l*} shapes): the forward products fused with bias and ReLU
 * (identity for the logits), BP4 plain, BP2 fused with ReLU' ({@link Gemm#sgemmTimesDerivative}).
 */
final class HotGemms {

    /** How a dense layer calls the product. */
    enum Form {
        /** {@code C = op(A) op(B)}. */
        PLAIN,
        /** {@code C = relu(op(A) op(B) + bias)}. */
        BIAS_RELU,
        /** {@code C = op(A) op(B) + bias}, the logits. */
        BIAS,
        /** {@code C = (op(A) op(B)) ⊙ relu'(saved)}. */
        TIMES_RELU_DERIVATIVE
    }

    /** One hot product; {@link #id()} is the JMH parameter value. */
    enum Product {
        B1_L1("b1-l1", new GemmShape.Dims(1, 256, 784, false, true), Form.BIAS_RELU),
        B1_L2("b1-l2", new GemmShape.Dims(1, 128, 256, false, true), Form.BIAS_RELU),
        B1_L3("b1-l3", new GemmShape.Dims(1, 10, 128, false, true), Form.BIAS),
        L1_FWD(GemmShape.L1_FWD, Form.BIAS_RELU),
        L1_BP4(GemmShape.L1_BP4, Form.PLAIN),
        L1_BP2(GemmShape.L1_BP2, Form.TIMES_RELU_DERIVATIVE),
        L2_FWD(GemmShape.L2_FWD, Form.BIAS_RELU),
        L2_BP4(GemmShape.L2_BP4, Form.PLAIN),
        L2_BP2(GemmShape.L2_BP2, Form.TIMES_RELU_DERIVATIVE),
        L3_FWD(GemmShape.L3_FWD, Form.BIAS),
        L3_BP4(GemmShape.L3_BP4, Form.PLAIN),
        L3_BP2(GemmShape.L3_BP2, Form.TIMES_RELU_DERIVATIVE);

        private final String id;
        private final GemmShape.Dims dims;
        private final Form form;

        Product(String id, GemmShape.Dims dims, Form form) {
            this.id = id;
            this.dims = dims;
            this.form = form;
        }

        Product(GemmShape shape, Form form) {
            this(shape.id(), shape.dims(), form);
        }

        static Product of(String id) {
            for (Product p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown hot product '" + id + "'; known: "
                    + Arrays.stream(values()).map(Product::id).collect(Collectors.joining(", ")));
        }

        String id() {
            return id;
        }

        GemmShape.Dims dims() {
            return dims;
        }

        String label() {
            return dims.m() + "x" + dims.n() + "x" + dims.k() + (dims.transA() ? " Aᵀ" : "")
                    + (dims.transB() ? " Bᵀ" : "") + switch (form) {
                        case PLAIN -> "";
                        case BIAS_RELU -> " +b relu";
                        case BIAS -> " +b";
                        case TIMES_RELU_DERIVATIVE -> " ⊙relu'";
                    };
        }

        double flops() {
            return 2.0 * dims.m() * dims.n() * dims.k();
        }
    }

    private static final int FLOATS = 784 * 256;

    private final float[] a = random(FLOATS, 1);
    private final float[] b = random(FLOATS, 2);
    private final float[] c = new float[FLOATS];
    private final float[] saved = random(FLOATS, 3);
    private final float[] bias = random(784, 4);

    private static float[] random(int length, long seed) {
        return GemmOperands.random(new GemmShape.Dims(1, 1, length, false, false), seed).a();
    }

    /** One product, as the layer calls it. */
    void run(Product p) {
        GemmShape.Dims d = p.dims();
        boolean ta = d.transA();
        boolean tb = d.transB();
        int m = d.m();
        int n = d.n();
        int k = d.k();
        switch (p.form) {
            case PLAIN -> Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, d.lda(), b, 0, d.ldb(), 0f, c, 0, n);
            case BIAS_RELU -> Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, d.lda(), b, 0, d.ldb(), 0f, c, 0, n,
                    bias, 0, Activation.RELU);
            case BIAS -> Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, d.lda(), b, 0, d.ldb(), 0f, c, 0, n,
                    bias, 0, Activation.IDENTITY);
            case TIMES_RELU_DERIVATIVE -> Gemm.sgemmTimesDerivative(ta, tb, m, n, k, 1f, a, 0, d.lda(), b, 0,
                    d.ldb(), 0f, c, 0, n, Activation.RELU, saved, 0, n);
        }
    }

    /** Every product once. */
    void runAll() {
        for (Product p : Product.values()) {
            run(p);
        }
    }
}
