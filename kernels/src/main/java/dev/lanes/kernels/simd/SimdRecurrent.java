package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Vector API recurrent-cell kernels behind {@link dev.lanes.kernels.Recurrent}. Each works row by row
 * (example by example): a row of gates is at most a few KiB, so the two or three short loops a kernel runs over
 * it find the row in L1, and each loop holds at most one transcendental function, which keeps every loop
 * small enough for C1 and C2 to compile with everything inlined (no boxed vector). The loops are single masked
 * loops so that the vector functions have one call site each. A step large enough to gain from a second thread
 * is split by rows over the worker pool ({@link RowSplit}). Arguments are trusted.
 */
public final class SimdRecurrent {

    private SimdRecurrent() {
    }

    /** See {@link dev.lanes.kernels.Recurrent#rnnForward}. */
    public static void rnnForward(Activation f, int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                  float[] h, int hOffset, int ldh) {
        int parts = RowSplit.parts(batch, hidden, RowSplit.Kernel.RNN_FORWARD);
        if (parts > 1) {
            RowSplit.of(RowSplit.Kernel.RNN_FORWARD, f, batch, hidden).matrix(pre, preOffset, ldPre)
                    .matrix(h, hOffset, ldh).run(parts);
        } else {
            rnnForwardRows(f, 0, batch, hidden, pre, preOffset, ldPre, h, hOffset, ldh);
        }
    }

    static void rnnForwardRows(Activation f, int from, int to, int hidden, float[] pre, int preOffset, int ldPre,
                               float[] h, int hOffset, int ldh) {
        for (int b = from; b < to; b++) {
            SimdActivations.forward(f, hidden, pre, preOffset + b * ldPre, h, hOffset + b * ldh);
        }
    }

    /** See {@link dev.lanes.kernels.Recurrent#rnnBackward}. */
    public static void rnnBackward(Activation f, int batch, int hidden, float[] h, int hOffset, int ldh,
                                   float[] dh, int dhOffset, int lddh, float[] dPre, int dPreOffset, int lddPre) {
        int parts = RowSplit.parts(batch, hidden, RowSplit.Kernel.RNN_BACKWARD);
        if (parts > 1) {
            RowSplit.of(RowSplit.Kernel.RNN_BACKWARD, f, batch, hidden).matrix(h, hOffset, ldh).matrix(dh, dhOffset, lddh)
                    .matrix(dPre, dPreOffset, lddPre).run(parts);
        } else {
            rnnBackwardRows(f, 0, batch, hidden, h, hOffset, ldh, dh, dhOffset, lddh, dPre, dPreOffset, lddPre);
        }
    }

    static void rnnBackwardRows(Activation f, int from, int to, int hidden, float[] h, int hOffset, int ldh,
                                float[] dh, int dhOffset, int lddh, float[] dPre, int dPreOffset, int lddPre) {
        boolean tanh = f.kind() == Activation.Kind.TANH;
        for (int b = from; b < to; b++) {
            derivativeRow(tanh, hidden, h, hOffset + b * ldh, dh, dhOffset + b * lddh, dPre, dPreOffset + b * lddPre);
        }
    }

    /**
     * dPre = dh f'(h), two vectors per iteration, then single and masked ones: of one, two and four vectors per
     * iteration and a single masked loop (1.82, 1.68-1.80, 2.03 and 2.16 µs at 128 x 128) the fastest. The loop
     * is bound by L2 bandwidth; C2 vectorises the scalar reference's loop by itself (1.45-1.73 µs).
     */
    private static void derivativeRow(boolean tanh, int n, float[] h, int hi, float[] dh, int dhi, float[] dPre,
                                      int di) {
        int j = 0;
        for (int bound = n - 2 * L; j <= bound; j += 2 * L) {
            FloatVector y0 = FloatVector.fromArray(F, h, hi + j);
            FloatVector y1 = FloatVector.fromArray(F, h, hi + j + L);
            FloatVector d0 = FloatVector.fromArray(F, dh, dhi + j);
            FloatVector d1 = FloatVector.fromArray(F, dh, dhi + j + L);
            d0.mul(derivative(y0, tanh)).intoArray(dPre, di + j);
            d1.mul(derivative(y1, tanh)).intoArray(dPre, di + j + L);
        }
        for (int bound = F.loopBound(n); j < bound; j += L) {
            FloatVector y = FloatVector.fromArray(F, h, hi + j);
            FloatVector.fromArray(F, dh, dhi + j).mul(derivative(y, tanh)).intoArray(dPre, di + j);
        }
        if (j < n) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector y = FloatVector.fromArray(F, h, hi + j, m);
            FloatVector.fromArray(F, dh, dhi + j, m).mul(derivative(y, tanh)).intoArray(dPre, di + j, m);
        }
    }

    /** tanh ? 1 - y² : (y &gt; 0 ? 1 : 0); small, so C2 inlines it. */
    private static FloatVector derivative(FloatVector y, boolean tanh) {
        return tanh ? ActivationVectors.tanhDerivative(y) : ActivationVectors.reluDerivative(y, 0f);
    }

    /** See {@link dev.lanes.kernels.Recurrent#lstmForward}. */
    public static void lstmForward(int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                   float[] cPrev, int cPrevOffset, int ldcPrev,
                                   float[] gates, int gatesOffset, int ldGates,
                                   float[] c, int cOffset, int ldc, float[] h, int hOffset, int ldh) {
        int parts = RowSplit.parts(batch, hidden, RowSplit.Kernel.LSTM_FORWARD);
        if (parts > 1) {
            RowSplit.of(RowSplit.Kernel.LSTM_FORWARD, null, batch, hidden).matrix(pre, preOffset, ldPre)
                    .matrix(cPrev, cPrevOffset, ldcPrev).matrix(gates, gatesOffset, ldGates).matrix(c, cOffset, ldc)
                    .matrix(h, hOffset, ldh).run(parts);
        } else {
            lstmForwardRows(0, batch, hidden, pre, preOffset, ldPre, cPrev, cPrevOffset, ldcPrev, gates, gatesOffset,
                    ldGates, c, cOffset, ldc, h, hOffset, ldh);
        }
    }

    static void lstmForwardRows(int from, int to, int hidden, float[] pre, int preOffset, int ldPre,
                                float[] cPrev, int cPrevOffset, int ldcPrev, float[] gates, int gatesOffset,
                                int ldGates, float[] c, int cOffset, int ldc, float[] h, int hOffset, int ldh) {
        for (int b = from; b < to; b++) {
            lstmForwardRow(hidden, pre, preOffset + b * ldPre, cPrev, cPrevOffset + b * ldcPrev,
                    gates, gatesOffset + b * ldGates, c, cOffset + b * ldc, h, hOffset + b * ldh);
        }
    }

    /**
     * Two passes over one row, which stays in L1: the gate activations (i and f are adjacent, so one sigmoid
     * run covers both), then the cell update with its tanh. One loop holding all five transcendental functions
     * was more vector code than C2 inlines into one method (its node-count cutoff): the functions it left as
     * calls boxed their vectors.
     */
    private static void lstmForwardRow(int hidden, float[] pre, int pi, float[] cPrev, int cpi,
                                       float[] gates, int gi, float[] c, int ci, float[] h, int hi) {
        SimdActivations.forward(Activation.SIGMOID, 2 * hidden, pre, pi, gates, gi);
        SimdActivations.forward(Activation.TANH, hidden, pre, pi + 2 * hidden, gates, gi + 2 * hidden);
        SimdActivations.forward(Activation.SIGMOID, hidden, pre, pi + 3 * hidden, gates, gi + 3 * hidden);
        lstmCell(hidden, gates, gi, cPrev, cpi, c, ci, h, hi);
    }

    /** From the activated gates: c = f c_prev + i g and h = o tanh(c). */
    private static void lstmCell(int hidden, float[] gates, int gi, float[] cPrev, int cpi, float[] c, int ci,
                                 float[] h, int hi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector i = FloatVector.fromArray(F, gates, gi + j, m);
            FloatVector fg = FloatVector.fromArray(F, gates, gi + hidden + j, m);
            FloatVector g = FloatVector.fromArray(F, gates, gi + 2 * hidden + j, m);
            FloatVector o = FloatVector.fromArray(F, gates, gi + 3 * hidden + j, m);
            FloatVector cell = fg.fma(FloatVector.fromArray(F, cPrev, cpi + j, m), i.mul(g));
            cell.intoArray(c, ci + j, m);
            o.mul(VectorMath.tanh(cell)).intoArray(h, hi + j, m);
        }
    }

    /**
     * Prototype for {@link LstmGateEpilogue}: the second half of {@link #lstmForward} alone, c and h from gates
     * that are already activated.
     */
    public static void lstmCellFromGates(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                         float[] cPrev, int cPrevOffset, int ldcPrev, float[] c, int cOffset, int ldc,
                                         float[] h, int hOffset, int ldh) {
        for (int b = 0; b < batch; b++) {
            lstmCell(hidden, gates, gatesOffset + b * ldGates, cPrev, cPrevOffset + b * ldcPrev, c, cOffset + b * ldc,
                    h, hOffset + b * ldh);
        }
    }

    /** See {@link dev.lanes.kernels.Recurrent#lstmBackward}. */
    public static void lstmBackward(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                    float[] cPrev, int cPrevOffset, int ldcPrev, float[] c, int cOffset, int ldc,
                                    float[] dh, int dhOffset, int lddh, float[] dc, int dcOffset, int lddc,
                                    float[] dPre, int dPreOffset, int lddPre,
                                    float[] dcPrev, int dcPrevOffset, int lddcPrev) {
        int parts = RowSplit.parts(batch, hidden, RowSplit.Kernel.LSTM_BACKWARD);
        if (parts > 1) {
            RowSplit.of(RowSplit.Kernel.LSTM_BACKWARD, null, batch, hidden).matrix(gates, gatesOffset, ldGates)
                    .matrix(cPrev, cPrevOffset, ldcPrev).matrix(c, cOffset, ldc).matrix(dh, dhOffset, lddh)
                    .matrix(dc, dcOffset, lddc).matrix(dPre, dPreOffset, lddPre).matrix(dcPrev, dcPrevOffset, lddcPrev)
                    .run(parts);
        } else {
            lstmBackwardRows(0, batch, hidden, gates, gatesOffset, ldGates, cPrev, cPrevOffset, ldcPrev, c, cOffset,
                    ldc, dh, dhOffset, lddh, dc, dcOffset, lddc, dPre, dPreOffset, lddPre, dcPrev, dcPrevOffset,
                    lddcPrev);
        }
    }

    static void lstmBackwardRows(int from, int to, int hidden, float[] gates, int gatesOffset, int ldGates,
                                 float[] cPrev, int cPrevOffset, int ldcPrev, float[] c, int cOffset, int ldc,
                                 float[] dh, int dhOffset, int lddh, float[] dc, int dcOffset, int lddc,
                                 float[] dPre, int dPreOffset, int lddPre,
                                 float[] dcPrev, int dcPrevOffset, int lddcPrev) {
        for (int b = from; b < to; b++) {
            lstmBackwardRow(hidden, gates, gatesOffset + b * ldGates, cPrev, cPrevOffset + b * ldcPrev,
                    c, cOffset + b * ldc, dh, dhOffset + b * lddh, dc, dcOffset + b * lddc,
                    dPre, dPreOffset + b * lddPre, dcPrev, dcPrevOffset + b * lddcPrev);
        }
    }

    /**
     * Two passes over one row: the first computes tanh(c), o's gradient and dc' (parked in dcPrev), the second
     * the gradients of i, f and g and dcPrev = dc' f. As one loop (and as two loops in one method) C1 ran out
     * of registers compiling it, and without C1's profile C2 then declined to inline tanh (a boxed vector).
     */
    private static void lstmBackwardRow(int hidden, float[] gates, int gi, float[] cPrev, int cpi, float[] c,
                                        int ci, float[] dh, int dhi, float[] dc, int dci, float[] dPre, int di,
                                        float[] dcPrev, int dcpi) {
        lstmBackwardOutputGate(hidden, gates, gi + 3 * hidden, c, ci, dh, dhi, dc, dci, dPre, di + 3 * hidden,
                dcPrev, dcpi);
        lstmBackwardCellGates(hidden, gates, gi, cPrev, cpi, dPre, di, dcPrev, dcpi);
    }

    /** dPre_o = dh tanh(c) o(1-o) and dc' = dc + dh o (1 - tanh² c), written to dcPrev. */
    private static void lstmBackwardOutputGate(int hidden, float[] gates, int oi, float[] c, int ci, float[] dh,
                                               int dhi, float[] dc, int dci, float[] dPre, int doi,
                                               float[] dcPrev, int dcpi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector o = FloatVector.fromArray(F, gates, oi + j, m);
            // Our helpers come before tanh and 1 - tc² is spelled out: C2 inlines tanh first, which brings the
            // method near its node-count cutoff, and a helper it then declines to inline boxes its vectors.
            FloatVector oPrime = ActivationVectors.sigmoidDerivative(o);
            FloatVector d = FloatVector.fromArray(F, dh, dhi + j, m);
            FloatVector dcNext = FloatVector.fromArray(F, dc, dci + j, m);
            FloatVector tc = VectorMath.tanh(FloatVector.fromArray(F, c, ci + j, m));
            d.mul(o).fma(tc.mul(tc).neg().add(1f), dcNext).intoArray(dcPrev, dcpi + j, m);
            d.mul(tc).mul(oPrime).intoArray(dPre, doi + j, m);
        }
    }

    /**
     * From dc' in dcPrev: the gradients of i, f and g, and dcPrev = dc' f. Two loops in two methods: as one,
     * C2 at 512 bits reached its node-count cutoff before inlining tanh's derivative, which then boxed.
     */
    private static void lstmBackwardCellGates(int hidden, float[] gates, int gi, float[] cPrev, int cpi,
                                              float[] dPre, int di, float[] dcPrev, int dcpi) {
        lstmBackwardInputGates(hidden, gates, gi, dPre, di, dcPrev, dcpi);
        lstmBackwardForgetGate(hidden, gates, gi + hidden, cPrev, cpi, dPre, di + hidden, dcPrev, dcpi);
    }

    /** dPre_i = dc' g i(1-i) and dPre_g = dc' i (1-g²), from dc' in dcPrev. */
    private static void lstmBackwardInputGates(int hidden, float[] gates, int gi, float[] dPre, int di,
                                               float[] dcPrev, int dcpi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector i = FloatVector.fromArray(F, gates, gi + j, m);
            FloatVector g = FloatVector.fromArray(F, gates, gi + 2 * hidden + j, m);
            FloatVector dCell = FloatVector.fromArray(F, dcPrev, dcpi + j, m);
            dCell.mul(g).mul(ActivationVectors.sigmoidDerivative(i)).intoArray(dPre, di + j, m);
            dCell.mul(i).mul(ActivationVectors.tanhDerivative(g)).intoArray(dPre, di + 2 * hidden + j, m);
        }
    }

    /** dPre_f = dc' c_prev f(1-f), then dcPrev = dc' f (overwriting dc'). */
    private static void lstmBackwardForgetGate(int hidden, float[] gates, int fi, float[] cPrev, int cpi,
                                               float[] dPre, int dfi, float[] dcPrev, int dcpi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector fg = FloatVector.fromArray(F, gates, fi + j, m);
            FloatVector cp = FloatVector.fromArray(F, cPrev, cpi + j, m);
            FloatVector dCell = FloatVector.fromArray(F, dcPrev, dcpi + j, m);
            dCell.mul(cp).mul(ActivationVectors.sigmoidDerivative(fg)).intoArray(dPre, dfi + j, m);
            dCell.mul(fg).intoArray(dcPrev, dcpi + j, m);
        }
    }

    /** See {@link dev.lanes.kernels.Recurrent#gruForward}. */
    public static void gruForward(int batch, int hidden, float[] inputPre, int inputPreOffset, int ldInputPre,
                                  float[] hiddenPre, int hiddenPreOffset, int ldHiddenPre,
                                  float[] hPrev, int hPrevOffset, int ldhPrev,
                                  float[] gates, int gatesOffset, int ldGates, float[] h, int hOffset, int ldh) {
        int parts = RowSplit.parts(batch, hidden, RowSplit.Kernel.GRU_FORWARD);
        if (parts > 1) {
            RowSplit.of(RowSplit.Kernel.GRU_FORWARD, null, batch, hidden).matrix(inputPre, inputPreOffset, ldInputPre)
                    .matrix(hiddenPre, hiddenPreOffset, ldHiddenPre).matrix(hPrev, hPrevOffset, ldhPrev)
                    .matrix(gates, gatesOffset, ldGates).matrix(h, hOffset, ldh).run(parts);
        } else {
            gruForwardRows(0, batch, hidden, inputPre, inputPreOffset, ldInputPre, hiddenPre, hiddenPreOffset,
                    ldHiddenPre, hPrev, hPrevOffset, ldhPrev, gates, gatesOffset, ldGates, h, hOffset, ldh);
        }
    }

    static void gruForwardRows(int from, int to, int hidden, float[] inputPre, int inputPreOffset, int ldInputPre,
                               float[] hiddenPre, int hiddenPreOffset, int ldHiddenPre,
                               float[] hPrev, int hPrevOffset, int ldhPrev,
                               float[] gates, int gatesOffset, int ldGates, float[] h, int hOffset, int ldh) {
        for (int b = from; b < to; b++) {
            gruForwardRow(hidden, inputPre, inputPreOffset + b * ldInputPre, hiddenPre,
                    hiddenPreOffset + b * ldHiddenPre, hPrev, hPrevOffset + b * ldhPrev,
                    gates, gatesOffset + b * ldGates, h, hOffset + b * ldh);
        }
    }

    /**
     * Two passes over one row, each its own method: r and z (adjacent blocks) in one sigmoid loop, then n, its
     * tanh and h. One loop with all three functions passed C2's node-count cutoff (see {@link #lstmForwardRow}),
     * and two loops in one method were more than C1 could compile.
     */
    private static void gruForwardRow(int hidden, float[] inputPre, int xi, float[] hiddenPre, int hhi,
                                      float[] hPrev, int hpi, float[] gates, int gi, float[] h, int hi) {
        sigmoidOfSum(2 * hidden, inputPre, xi, hiddenPre, hhi, gates, gi);
        gruCandidate(hidden, inputPre, xi, hiddenPre, hhi, hPrev, hpi, gates, gi, h, hi);
    }

    /** out = σ(a + b) over n elements. */
    private static void sigmoidOfSum(int n, float[] a, int ai, float[] b, int bi, float[] out, int oi) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector sum = FloatVector.fromArray(F, a, ai + j, m).add(FloatVector.fromArray(F, b, bi + j, m));
            VectorMath.sigmoid(sum).intoArray(out, oi + j, m);
        }
    }

    /** From r and z in gates: n = tanh(x_n + r h_n), the saved n and h_n, and h = n + z (h_prev - n). */
    private static void gruCandidate(int hidden, float[] inputPre, int xi, float[] hiddenPre, int hhi,
                                     float[] hPrev, int hpi, float[] gates, int gi, float[] h, int hi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector r = FloatVector.fromArray(F, gates, gi + j, m);
            FloatVector z = FloatVector.fromArray(F, gates, gi + hidden + j, m);
            FloatVector hn = FloatVector.fromArray(F, hiddenPre, hhi + 2 * hidden + j, m);
            FloatVector n = VectorMath.tanh(r.fma(hn, FloatVector.fromArray(F, inputPre, xi + 2 * hidden + j, m)));
            n.intoArray(gates, gi + 2 * hidden + j, m);
            hn.intoArray(gates, gi + 3 * hidden + j, m);
            z.fma(FloatVector.fromArray(F, hPrev, hpi + j, m).sub(n), n).intoArray(h, hi + j, m);
        }
    }

    /** See {@link dev.lanes.kernels.Recurrent#gruBackward}. */
    public static void gruBackward(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                   float[] hPrev, int hPrevOffset, int ldhPrev, float[] dh, int dhOffset, int lddh,
                                   float[] dInputPre, int dInputPreOffset, int lddInputPre,
                                   float[] dHiddenPre, int dHiddenPreOffset, int lddHiddenPre,
                                   float[] dhPrev, int dhPrevOffset, int lddhPrev) {
        int parts = RowSplit.parts(batch, hidden, RowSplit.Kernel.GRU_BACKWARD);
        if (parts > 1) {
            RowSplit.of(RowSplit.Kernel.GRU_BACKWARD, null, batch, hidden).matrix(gates, gatesOffset, ldGates)
                    .matrix(hPrev, hPrevOffset, ldhPrev).matrix(dh, dhOffset, lddh)
                    .matrix(dInputPre, dInputPreOffset, lddInputPre).matrix(dHiddenPre, dHiddenPreOffset, lddHiddenPre)
                    .matrix(dhPrev, dhPrevOffset, lddhPrev).run(parts);
        } else {
            gruBackwardRows(0, batch, hidden, gates, gatesOffset, ldGates, hPrev, hPrevOffset, ldhPrev, dh, dhOffset,
                    lddh, dInputPre, dInputPreOffset, lddInputPre, dHiddenPre, dHiddenPreOffset, lddHiddenPre,
                    dhPrev, dhPrevOffset, lddhPrev);
        }
    }

    static void gruBackwardRows(int from, int to, int hidden, float[] gates, int gatesOffset, int ldGates,
                                float[] hPrev, int hPrevOffset, int ldhPrev, float[] dh, int dhOffset, int lddh,
                                float[] dInputPre, int dInputPreOffset, int lddInputPre,
                                float[] dHiddenPre, int dHiddenPreOffset, int lddHiddenPre,
                                float[] dhPrev, int dhPrevOffset, int lddhPrev) {
        for (int b = from; b < to; b++) {
            gruBackwardRow(hidden, gates, gatesOffset + b * ldGates, hPrev, hPrevOffset + b * ldhPrev,
                    dh, dhOffset + b * lddh, dInputPre, dInputPreOffset + b * lddInputPre,
                    dHiddenPre, dHiddenPreOffset + b * lddHiddenPre, dhPrev, dhPrevOffset + b * lddhPrev);
        }
    }

    /**
     * One row in two loops (two methods) and a copy: as one loop, C2 at 512 bits reached its node-count cutoff
     * before inlining the last derivative, which then boxed. The order keeps the in-place cases right: dz goes
     * to dHiddenPre first (dInputPre may be gates, whose z and n the second loop still reads), the second loop
     * reads dh before writing dhPrev (which may be dh), and dz is copied into dInputPre last.
     */
    private static void gruBackwardRow(int hidden, float[] gates, int gi, float[] hPrev, int hpi, float[] dh,
                                       int dhi, float[] dInputPre, int dxi, float[] dHiddenPre, int dhhi,
                                       float[] dhPrev, int dhpi) {
        gruBackwardUpdate(hidden, gates, gi, hPrev, hpi, dh, dhi, dHiddenPre, dhhi + hidden);
        gruBackwardResetAndCandidate(hidden, gates, gi, dh, dhi, dInputPre, dxi, dHiddenPre, dhhi, dhPrev, dhpi);
        System.arraycopy(dHiddenPre, dhhi + hidden, dInputPre, dxi + hidden, hidden);
    }

    /** dz = dh (h_prev - n) z(1-z), into dHiddenPre's z block. */
    private static void gruBackwardUpdate(int hidden, float[] gates, int gi, float[] hPrev, int hpi, float[] dh,
                                          int dhi, float[] dHiddenPre, int dzi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector z = FloatVector.fromArray(F, gates, gi + hidden + j, m);
            FloatVector n = FloatVector.fromArray(F, gates, gi + 2 * hidden + j, m);
            FloatVector d = FloatVector.fromArray(F, dh, dhi + j, m);
            d.mul(FloatVector.fromArray(F, hPrev, hpi + j, m).sub(n)).mul(ActivationVectors.sigmoidDerivative(z))
                    .intoArray(dHiddenPre, dzi + j, m);
        }
    }

    /**
     * dn = dh (1-z)(1-n²) and dr = dn hn r(1-r) into both pre-activation gradients (dn r into the hidden one),
     * and dhPrev = dh z.
     */
    private static void gruBackwardResetAndCandidate(int hidden, float[] gates, int gi, float[] dh, int dhi,
                                                     float[] dInputPre, int dxi, float[] dHiddenPre, int dhhi,
                                                     float[] dhPrev, int dhpi) {
        for (int j = 0; j < hidden; j += L) {
            VectorMask<Float> m = F.indexInRange(j, hidden);
            FloatVector r = FloatVector.fromArray(F, gates, gi + j, m);
            FloatVector z = FloatVector.fromArray(F, gates, gi + hidden + j, m);
            FloatVector n = FloatVector.fromArray(F, gates, gi + 2 * hidden + j, m);
            FloatVector hn = FloatVector.fromArray(F, gates, gi + 3 * hidden + j, m);
            FloatVector d = FloatVector.fromArray(F, dh, dhi + j, m);
            FloatVector dn = d.mul(z.neg().add(1f)).mul(ActivationVectors.tanhDerivative(n));
            FloatVector dr = dn.mul(hn).mul(ActivationVectors.sigmoidDerivative(r));
            dr.intoArray(dInputPre, dxi + j, m);
            dn.intoArray(dInputPre, dxi + 2 * hidden + j, m);
            dr.intoArray(dHiddenPre, dhhi + j, m);
            dn.mul(r).intoArray(dHiddenPre, dhhi + 2 * hidden + j, m);
            d.mul(z).intoArray(dhPrev, dhpi + j, m);
        }
    }
}
