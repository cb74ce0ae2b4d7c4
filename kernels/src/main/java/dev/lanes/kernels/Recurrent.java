package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarRecurrent;
import dev.lanes.kernels.simd.SimdRecurrent;

/**
 * The pointwise part of one time step of a plain (Elman) RNN, an LSTM and a GRU, forward and backward, each
 * fused into one pass over the step's rows. The matrix products stay in {@link Gemm}: a layer computes the
 * gate pre-activations of all time steps' inputs in one GEMM, adds the recurrent product {@code h W_hhᵀ} per
 * step, calls the forward kernel here, and in backward feeds the gate gradients these kernels write to the
 * GEMMs for {@code dh_{t-1}}, {@code dx} and the weight gradients.
 *
 * <p>Layout (PyTorch's, so that weights and gates compare one to one): rows are examples; a row of gate
 * pre-activations holds the gate blocks side by side, each {@code hidden} wide: LSTM {@code i, f, g, o}
 * ({@code 4 hidden}, for {@code W_ih} of {@code 4H x input} and {@code W_hh} of {@code 4H x H}), GRU
 * {@code r, z, n} ({@code 3 hidden}). Every matrix is an array, the offset of its first element and a leading
 * dimension (the distance between the starts of two rows, at least the row's width), so a kernel can work on
 * one time step's slice of a buffer that holds all steps (for batch-first storage, step t of a
 * {@code batch x steps x 4H} buffer is offset {@code t 4H}, leading dimension {@code steps 4H}).
 *
 * <p>The cells (σ the logistic sigmoid; products elementwise):
 * <ul>
 *   <li>RNN: {@code h = f(pre)}, f tanh or ReLU, {@code pre = W_ih x + b_ih + W_hh h_prev + b_hh};</li>
 *   <li>LSTM: {@code i = σ(pre_i), f = σ(pre_f), g = tanh(pre_g), o = σ(pre_o), c = f c_prev + i g,
 *       h = o tanh(c)};</li>
 *   <li>GRU: with {@code x_* = W_i* x + b_i*} and {@code h_* = W_h* h_prev + b_h*}: {@code r = σ(x_r + h_r),
 *       z = σ(x_z + h_z), n = tanh(x_n + r h_n), h = (1 - z) n + z h_prev} (computed as
 *       {@code n + z (h_prev - n)}).</li>
 * </ul>
 *
 * <p>Saved state: the forward kernels write what the backward kernels need, in a {@code gates} matrix the
 * caller keeps per step: LSTM {@code [i | f | g | o]} ({@code 4 hidden} per row, the activated gates); GRU
 * {@code [r | z | n | h_n]} ({@code 4 hidden}: the activated gates and the hidden part of n's pre-activation,
 * {@code W_hn h_prev + b_hn}). Backward also takes the step's {@code c_prev} and {@code c} (LSTM) or
 * {@code h_prev} (GRU), which a layer keeps anyway as the next step's state; for the RNN the output h is the
 * saved state.
 *
 * <p>Accuracy: sigmoid and tanh are within 2.5 ulp of exact (docs/numerics.md); the rest are float
 * operations. A step large enough to gain from it is split by rows over {@link Kernels#threads()} threads; rows
 * are independent, so the results are the same bits on any thread count. Nothing is allocated; calls from
 * several threads are safe. Arrays may be the same only where a method says so (same array, offset and leading
 * dimension); other overlaps give undefined results.
 */
public final class Recurrent {

    private Recurrent() {
    }

    /**
     * Plain RNN forward: {@code h = f(pre)} over a {@code batch x hidden} matrix. h is also the state backward
     * needs. h may be pre (in place).
     *
     * @param f         {@link Activation#TANH} or {@link Activation#RELU} (PyTorch's two nonlinearities)
     * @param batch     rows (examples)
     * @param hidden    hidden units
     * @param pre       the pre-activations {@code W_ih x + b_ih + W_hh h_prev + b_hh}, batch x hidden
     * @param preOffset index of pre's first element
     * @param ldPre     row stride of pre, at least hidden
     * @param h         output, batch x hidden
     * @param hOffset   index of h's first element
     * @param ldh       row stride of h, at least hidden
     * @throws IllegalArgumentException if f is not tanh or ReLU, a size or offset is negative, a stride is too
     *                                  small, or an array is null or too short
     */
    public static void rnnForward(Activation f, int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                  float[] h, int hOffset, int ldh) {
        checkRnnActivation(f);
        checkSizes(batch, hidden);
        Checks.matrix("pre", pre, "preOffset", preOffset, "ldPre", ldPre, batch, hidden, "batch x hidden");
        Checks.matrix("h", h, "hOffset", hOffset, "ldh", ldh, batch, hidden, "batch x hidden");
        if (Simd.ENABLED) {
            SimdRecurrent.rnnForward(f, batch, hidden, pre, preOffset, ldPre, h, hOffset, ldh);
        } else {
            ScalarRecurrent.rnnForward(f, batch, hidden, pre, preOffset, ldPre, h, hOffset, ldh);
        }
    }

    /**
     * Plain RNN backward: {@code dPre = dh ⊙ f'(pre)}, from the forward's output h (tanh: {@code 1 - h²};
     * ReLU: {@code h > 0 ? 1 : 0}). dh is the whole gradient reaching h (from above and from step t+1); dPre
     * feeds the GEMMs {@code dh_prev = dPre W_hh}, {@code dx = dPre W_ih} and the weight gradients. dPre may be
     * dh (in place).
     *
     * @param f          the forward's activation, tanh or ReLU
     * @param batch      rows
     * @param hidden     hidden units
     * @param h          the forward's output, batch x hidden
     * @param hOffset    index of h's first element
     * @param ldh        row stride of h
     * @param dh         dLoss/dh, batch x hidden
     * @param dhOffset   index of dh's first element
     * @param lddh       row stride of dh
     * @param dPre       output, dLoss/dpre, batch x hidden
     * @param dPreOffset index of dPre's first element
     * @param lddPre     row stride of dPre
     * @throws IllegalArgumentException as {@link #rnnForward}
     */
    public static void rnnBackward(Activation f, int batch, int hidden, float[] h, int hOffset, int ldh,
                                   float[] dh, int dhOffset, int lddh, float[] dPre, int dPreOffset, int lddPre) {
        checkRnnActivation(f);
        checkSizes(batch, hidden);
        Checks.matrix("h", h, "hOffset", hOffset, "ldh", ldh, batch, hidden, "batch x hidden");
        Checks.matrix("dh", dh, "dhOffset", dhOffset, "lddh", lddh, batch, hidden, "batch x hidden");
        Checks.matrix("dPre", dPre, "dPreOffset", dPreOffset, "lddPre", lddPre, batch, hidden, "batch x hidden");
        if (Simd.ENABLED) {
            SimdRecurrent.rnnBackward(f, batch, hidden, h, hOffset, ldh, dh, dhOffset, lddh, dPre, dPreOffset,
                    lddPre);
        } else {
            ScalarRecurrent.rnnBackward(f, batch, hidden, h, hOffset, ldh, dh, dhOffset, lddh, dPre, dPreOffset,
                    lddPre);
        }
    }

    /**
     * LSTM forward, one step: from the gate pre-activations {@code pre = [i | f | g | o]}
     * ({@code W_ih x + b_ih + W_hh h_prev + b_hh}, batch x 4 hidden) and {@code c_prev}, writes the activated
     * gates {@code [σ(pre_i) | σ(pre_f) | tanh(pre_g) | σ(pre_o)]} to gates, {@code c = f c_prev + i g} and
     * {@code h = o tanh(c)}. gates may be pre (in place: inference can pass pre and skip a buffer); c may be
     * c_prev.
     *
     * @param batch        rows
     * @param hidden       hidden units H
     * @param pre          gate pre-activations, batch x 4H, blocks i, f, g, o
     * @param preOffset    index of pre's first element
     * @param ldPre        row stride of pre, at least 4H
     * @param cPrev        the previous cell state, batch x H (zeros at the first step)
     * @param cPrevOffset  index of cPrev's first element
     * @param ldcPrev      row stride of cPrev, at least H
     * @param gates        output, the activated gates, batch x 4H, blocks i, f, g, o: saved for backward
     * @param gatesOffset  index of gates' first element
     * @param ldGates      row stride of gates, at least 4H
     * @param c            output, the cell state, batch x H: saved for backward (as this step's c and the
     *                     next step's c_prev)
     * @param cOffset      index of c's first element
     * @param ldc          row stride of c, at least H
     * @param h            output, the hidden state, batch x H
     * @param hOffset      index of h's first element
     * @param ldh          row stride of h, at least H
     * @throws IllegalArgumentException if a size or offset is negative, a stride is too small, or an array is
     *                                  null or too short
     */
    public static void lstmForward(int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                   float[] cPrev, int cPrevOffset, int ldcPrev,
                                   float[] gates, int gatesOffset, int ldGates,
                                   float[] c, int cOffset, int ldc, float[] h, int hOffset, int ldh) {
        checkSizes(batch, hidden);
        int four = gatesWidth(4, hidden);
        Checks.matrix("pre", pre, "preOffset", preOffset, "ldPre", ldPre, batch, four, "batch x 4 hidden");
        Checks.matrix("cPrev", cPrev, "cPrevOffset", cPrevOffset, "ldcPrev", ldcPrev, batch, hidden,
                "batch x hidden");
        Checks.matrix("gates", gates, "gatesOffset", gatesOffset, "ldGates", ldGates, batch, four,
                "batch x 4 hidden");
        Checks.matrix("c", c, "cOffset", cOffset, "ldc", ldc, batch, hidden, "batch x hidden");
        Checks.matrix("h", h, "hOffset", hOffset, "ldh", ldh, batch, hidden, "batch x hidden");
        if (Simd.ENABLED) {
            SimdRecurrent.lstmForward(batch, hidden, pre, preOffset, ldPre, cPrev, cPrevOffset, ldcPrev,
                    gates, gatesOffset, ldGates, c, cOffset, ldc, h, hOffset, ldh);
        } else {
            ScalarRecurrent.lstmForward(batch, hidden, pre, preOffset, ldPre, cPrev, cPrevOffset, ldcPrev,
                    gates, gatesOffset, ldGates, c, cOffset, ldc, h, hOffset, ldh);
        }
    }

    /**
     * LSTM backward, one step. From the forward's gates {@code [i | f | g | o]}, c_prev and c, the gradient dh
     * reaching h (from above and from step t+1, through {@code dPre_{t+1} W_hh}) and the gradient dc arriving
     * from step t+1 (dcPrev of that step; zeros at the last step), writes with {@code dc' = dc + dh o
     * (1 - tanh² c)}:
     * <ul>
     *   <li>dPre, the gate pre-activation gradients {@code [dc' g i(1-i) | dc' c_prev f(1-f) | dc' i (1-g²) |
     *       dh tanh(c) o(1-o)]}, batch x 4H, for the GEMMs {@code dh_prev = dPre W_hh}, {@code dx = dPre W_ih}
     *       and the weight and bias gradients;</li>
     *   <li>{@code dcPrev = dc' f}, the gradient for step t-1's cell state.</li>
     * </ul>
     * dPre may be gates (in place); dcPrev may be dc.
     *
     * @param batch          rows
     * @param hidden         hidden units H
     * @param gates          the forward's activated gates, batch x 4H
     * @param gatesOffset    index of gates' first element
     * @param ldGates        row stride of gates, at least 4H
     * @param cPrev          the forward's c_prev, batch x H
     * @param cPrevOffset    index of cPrev's first element
     * @param ldcPrev        row stride of cPrev
     * @param c              the forward's c, batch x H
     * @param cOffset        index of c's first element
     * @param ldc            row stride of c
     * @param dh             dLoss/dh, batch x H
     * @param dhOffset       index of dh's first element
     * @param lddh           row stride of dh
     * @param dc             dLoss/dc from step t+1, batch x H
     * @param dcOffset       index of dc's first element
     * @param lddc           row stride of dc
     * @param dPre           output, dLoss/dpre, batch x 4H, blocks i, f, g, o
     * @param dPreOffset     index of dPre's first element
     * @param lddPre         row stride of dPre, at least 4H
     * @param dcPrev         output, dLoss/dc_prev, batch x H
     * @param dcPrevOffset   index of dcPrev's first element
     * @param lddcPrev       row stride of dcPrev
     * @throws IllegalArgumentException as {@link #lstmForward}
     */
    public static void lstmBackward(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                    float[] cPrev, int cPrevOffset, int ldcPrev, float[] c, int cOffset, int ldc,
                                    float[] dh, int dhOffset, int lddh, float[] dc, int dcOffset, int lddc,
                                    float[] dPre, int dPreOffset, int lddPre,
                                    float[] dcPrev, int dcPrevOffset, int lddcPrev) {
        checkSizes(batch, hidden);
        int four = gatesWidth(4, hidden);
        Checks.matrix("gates", gates, "gatesOffset", gatesOffset, "ldGates", ldGates, batch, four,
                "batch x 4 hidden");
        Checks.matrix("cPrev", cPrev, "cPrevOffset", cPrevOffset, "ldcPrev", ldcPrev, batch, hidden,
                "batch x hidden");
        Checks.matrix("c", c, "cOffset", cOffset, "ldc", ldc, batch, hidden, "batch x hidden");
        Checks.matrix("dh", dh, "dhOffset", dhOffset, "lddh", lddh, batch, hidden, "batch x hidden");
        Checks.matrix("dc", dc, "dcOffset", dcOffset, "lddc", lddc, batch, hidden, "batch x hidden");
        Checks.matrix("dPre", dPre, "dPreOffset", dPreOffset, "lddPre", lddPre, batch, four, "batch x 4 hidden");
        Checks.matrix("dcPrev", dcPrev, "dcPrevOffset", dcPrevOffset, "lddcPrev", lddcPrev, batch, hidden,
                "batch x hidden");
        if (Simd.ENABLED) {
            SimdRecurrent.lstmBackward(batch, hidden, gates, gatesOffset, ldGates, cPrev, cPrevOffset, ldcPrev,
                    c, cOffset, ldc, dh, dhOffset, lddh, dc, dcOffset, lddc, dPre, dPreOffset, lddPre,
                    dcPrev, dcPrevOffset, lddcPrev);
        } else {
            ScalarRecurrent.lstmBackward(batch, hidden, gates, gatesOffset, ldGates, cPrev, cPrevOffset, ldcPrev,
                    c, cOffset, ldc, dh, dhOffset, lddh, dc, dcOffset, lddc, dPre, dPreOffset, lddPre,
                    dcPrev, dcPrevOffset, lddcPrev);
        }
    }

    /**
     * GRU forward, one step (PyTorch's formulation). From the input part {@code [x_r | x_z | x_n]}
     * ({@code W_ih x + b_ih}, batch x 3H) and the hidden part {@code [h_r | h_z | h_n]}
     * ({@code W_hh h_prev + b_hh}, batch x 3H) of the gate pre-activations, and h_prev, computes
     * {@code r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r h_n)} and writes {@code [r | z | n | h_n]}
     * to gates and {@code h = n + z (h_prev - n)} (= {@code (1 - z) n + z h_prev}) to h. h may be hPrev.
     *
     * @param batch           rows
     * @param hidden          hidden units H
     * @param inputPre        the input part, batch x 3H, blocks r, z, n
     * @param inputPreOffset  index of inputPre's first element
     * @param ldInputPre      row stride of inputPre, at least 3H
     * @param hiddenPre       the hidden part, batch x 3H, blocks r, z, n
     * @param hiddenPreOffset index of hiddenPre's first element
     * @param ldHiddenPre     row stride of hiddenPre, at least 3H
     * @param hPrev           the previous hidden state, batch x H (zeros at the first step)
     * @param hPrevOffset     index of hPrev's first element
     * @param ldhPrev         row stride of hPrev, at least H
     * @param gates           output, batch x 4H, blocks r, z, n, h_n: saved for backward
     * @param gatesOffset     index of gates' first element
     * @param ldGates         row stride of gates, at least 4H
     * @param h               output, the hidden state, batch x H
     * @param hOffset         index of h's first element
     * @param ldh             row stride of h, at least H
     * @throws IllegalArgumentException if a size or offset is negative, a stride is too small, or an array is
     *                                  null or too short
     */
    public static void gruForward(int batch, int hidden, float[] inputPre, int inputPreOffset, int ldInputPre,
                                  float[] hiddenPre, int hiddenPreOffset, int ldHiddenPre,
                                  float[] hPrev, int hPrevOffset, int ldhPrev,
                                  float[] gates, int gatesOffset, int ldGates, float[] h, int hOffset, int ldh) {
        checkSizes(batch, hidden);
        int three = gatesWidth(3, hidden);
        int four = gatesWidth(4, hidden);
        Checks.matrix("inputPre", inputPre, "inputPreOffset", inputPreOffset, "ldInputPre", ldInputPre, batch,
                three, "batch x 3 hidden");
        Checks.matrix("hiddenPre", hiddenPre, "hiddenPreOffset", hiddenPreOffset, "ldHiddenPre", ldHiddenPre,
                batch, three, "batch x 3 hidden");
        Checks.matrix("hPrev", hPrev, "hPrevOffset", hPrevOffset, "ldhPrev", ldhPrev, batch, hidden,
                "batch x hidden");
        Checks.matrix("gates", gates, "gatesOffset", gatesOffset, "ldGates", ldGates, batch, four,
                "batch x 4 hidden");
        Checks.matrix("h", h, "hOffset", hOffset, "ldh", ldh, batch, hidden, "batch x hidden");
        if (Simd.ENABLED) {
            SimdRecurrent.gruForward(batch, hidden, inputPre, inputPreOffset, ldInputPre, hiddenPre,
                    hiddenPreOffset, ldHiddenPre, hPrev, hPrevOffset, ldhPrev, gates, gatesOffset, ldGates,
                    h, hOffset, ldh);
        } else {
            ScalarRecurrent.gruForward(batch, hidden, inputPre, inputPreOffset, ldInputPre, hiddenPre,
                    hiddenPreOffset, ldHiddenPre, hPrev, hPrevOffset, ldhPrev, gates, gatesOffset, ldGates,
                    h, hOffset, ldh);
        }
    }

    /**
     * GRU backward, one step. From the forward's gates {@code [r | z | n | h_n]}, h_prev and the gradient dh
     * reaching h (from above and from step t+1), writes with {@code dn = dh (1 - z) (1 - n²)},
     * {@code dz = dh (h_prev - n) z(1-z)}, {@code dr = dn h_n r(1-r)}:
     * <ul>
     *   <li>dInputPre = {@code [dr | dz | dn]}, batch x 3H: the gradient of the input part, for
     *       {@code dx = dInputPre W_ih} and the gradients of W_ih and b_ih;</li>
     *   <li>dHiddenPre = {@code [dr | dz | dn r]}, batch x 3H: the gradient of the hidden part, for the
     *       gradients of W_hh and b_hh and the GEMM {@code dh_prev += dHiddenPre W_hh};</li>
     *   <li>dhPrev = {@code dh z}, the direct path to h_prev; the layer adds {@code dHiddenPre W_hh} to it
     *       (a GEMM with beta = 1).</li>
     * </ul>
     * dInputPre may be gates (in place; its row keeps the stride of gates); dhPrev may be dh.
     *
     * @param batch            rows
     * @param hidden           hidden units H
     * @param gates            the forward's gates, batch x 4H, blocks r, z, n, h_n
     * @param gatesOffset      index of gates' first element
     * @param ldGates          row stride of gates, at least 4H
     * @param hPrev            the forward's h_prev, batch x H
     * @param hPrevOffset      index of hPrev's first element
     * @param ldhPrev          row stride of hPrev
     * @param dh               dLoss/dh, batch x H
     * @param dhOffset         index of dh's first element
     * @param lddh             row stride of dh
     * @param dInputPre        output, batch x 3H
     * @param dInputPreOffset  index of dInputPre's first element
     * @param lddInputPre      row stride of dInputPre, at least 3H
     * @param dHiddenPre       output, batch x 3H
     * @param dHiddenPreOffset index of dHiddenPre's first element
     * @param lddHiddenPre     row stride of dHiddenPre, at least 3H
     * @param dhPrev           output, batch x H
     * @param dhPrevOffset     index of dhPrev's first element
     * @param lddhPrev         row stride of dhPrev
     * @throws IllegalArgumentException as {@link #gruForward}
     */
    public static void gruBackward(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                   float[] hPrev, int hPrevOffset, int ldhPrev, float[] dh, int dhOffset, int lddh,
                                   float[] dInputPre, int dInputPreOffset, int lddInputPre,
                                   float[] dHiddenPre, int dHiddenPreOffset, int lddHiddenPre,
                                   float[] dhPrev, int dhPrevOffset, int lddhPrev) {
        checkSizes(batch, hidden);
        int three = gatesWidth(3, hidden);
        int four = gatesWidth(4, hidden);
        Checks.matrix("gates", gates, "gatesOffset", gatesOffset, "ldGates", ldGates, batch, four,
                "batch x 4 hidden");
        Checks.matrix("hPrev", hPrev, "hPrevOffset", hPrevOffset, "ldhPrev", ldhPrev, batch, hidden,
                "batch x hidden");
        Checks.matrix("dh", dh, "dhOffset", dhOffset, "lddh", lddh, batch, hidden, "batch x hidden");
        Checks.matrix("dInputPre", dInputPre, "dInputPreOffset", dInputPreOffset, "lddInputPre", lddInputPre,
                batch, three, "batch x 3 hidden");
        Checks.matrix("dHiddenPre", dHiddenPre, "dHiddenPreOffset", dHiddenPreOffset, "lddHiddenPre",
                lddHiddenPre, batch, three, "batch x 3 hidden");
        Checks.matrix("dhPrev", dhPrev, "dhPrevOffset", dhPrevOffset, "lddhPrev", lddhPrev, batch, hidden,
                "batch x hidden");
        if (Simd.ENABLED) {
            SimdRecurrent.gruBackward(batch, hidden, gates, gatesOffset, ldGates, hPrev, hPrevOffset, ldhPrev,
                    dh, dhOffset, lddh, dInputPre, dInputPreOffset, lddInputPre, dHiddenPre, dHiddenPreOffset,
                    lddHiddenPre, dhPrev, dhPrevOffset, lddhPrev);
        } else {
            ScalarRecurrent.gruBackward(batch, hidden, gates, gatesOffset, ldGates, hPrev, hPrevOffset, ldhPrev,
                    dh, dhOffset, lddh, dInputPre, dInputPreOffset, lddInputPre, dHiddenPre, dHiddenPreOffset,
                    lddHiddenPre, dhPrev, dhPrevOffset, lddhPrev);
        }
    }

    private static void checkRnnActivation(Activation f) {
        Checks.notNull("f", f);
        if (f.kind() != Activation.Kind.TANH && f.kind() != Activation.Kind.RELU) {
            throw new IllegalArgumentException("f must be tanh or relu (the RNN nonlinearities), was " + f.name());
        }
    }

    private static void checkSizes(int batch, int hidden) {
        Checks.nonNegative("batch", batch);
        Checks.nonNegative("hidden", hidden);
    }

    /** {@code gates * hidden}, the width of a row of gate blocks, which must fit an int index. */
    private static int gatesWidth(int gates, int hidden) {
        long width = (long) gates * hidden;
        if (width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hidden is too large: " + gates + " x hidden = " + width
                    + " gate columns exceed the largest array");
        }
        return (int) width;
    }
}
