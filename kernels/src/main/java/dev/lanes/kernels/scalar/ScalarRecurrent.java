package dev.lanes.kernels.scalar;

import dev.lanes.kernels.Activation;

/**
 * The reference recurrent-cell kernels: same signatures and semantics as {@link dev.lanes.kernels.Recurrent},
 * no argument checks. sigmoid and tanh are evaluated in double and rounded once to float (within half an ulp
 * of exact); everything else is float arithmetic in the order the SIMD kernels use, with {@link Math#fma}
 * where they fuse, so that given the same activations both produce the same float (docs/numerics.md).
 */
public final class ScalarRecurrent {

    private ScalarRecurrent() {
    }

    /**
     * See {@link dev.lanes.kernels.Recurrent#rnnForward}.
     *
     * @param f {@link Activation#TANH} or {@link Activation#RELU} (PyTorch's two nonlinearities)
     * @param batch rows (examples)
     * @param hidden hidden units
     * @param pre the pre-activations {@code W_ih x + b_ih + W_hh h_prev + b_hh}, batch x hidden
     * @param preOffset index of pre's first element
     * @param ldPre row stride of pre, at least hidden
     * @param h output, batch x hidden
     * @param hOffset index of h's first element
     * @param ldh row stride of h, at least hidden
     */
    public static void rnnForward(Activation f, int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                  float[] h, int hOffset, int ldh) {
        for (int b = 0; b < batch; b++) {
            ScalarActivations.forward(f, hidden, pre, preOffset + b * ldPre, h, hOffset + b * ldh);
        }
    }

    /**
     * See {@link dev.lanes.kernels.Recurrent#rnnBackward}.
     *
     * @param f the forward's activation, tanh or ReLU
     * @param batch rows
     * @param hidden hidden units
     * @param h the forward's output, batch x hidden
     * @param hOffset index of h's first element
     * @param ldh row stride of h
     * @param dh dLoss/dh, batch x hidden
     * @param dhOffset index of dh's first element
     * @param lddh row stride of dh
     * @param dPre output, dLoss/dpre, batch x hidden
     * @param dPreOffset index of dPre's first element
     * @param lddPre row stride of dPre
     */
    public static void rnnBackward(Activation f, int batch, int hidden, float[] h, int hOffset, int ldh,
                                   float[] dh, int dhOffset, int lddh, float[] dPre, int dPreOffset, int lddPre) {
        boolean tanh = f.kind() == Activation.Kind.TANH;
        for (int b = 0; b < batch; b++) {
            int hi = hOffset + b * ldh;
            int dhi = dhOffset + b * lddh;
            int di = dPreOffset + b * lddPre;
            for (int j = 0; j < hidden; j++) {
                float y = h[hi + j];
                dPre[di + j] = dh[dhi + j] * (tanh ? 1f - y * y : y > 0f ? 1f : 0f);
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Recurrent#lstmForward}.
     *
     * @param batch rows
     * @param hidden hidden units H
     * @param pre gate pre-activations, batch x 4H, blocks i, f, g, o
     * @param preOffset index of pre's first element
     * @param ldPre row stride of pre, at least 4H
     * @param cPrev the previous cell state, batch x H (zeros at the first step)
     * @param cPrevOffset index of cPrev's first element
     * @param ldcPrev row stride of cPrev, at least H
     * @param gates output, the activated gates, batch x 4H, blocks i, f, g, o: saved for backward
     * @param gatesOffset index of gates' first element
     * @param ldGates row stride of gates, at least 4H
     * @param c output, the cell state, batch x H: saved for backward (as this step's c and the next step's c_prev)
     * @param cOffset index of c's first element
     * @param ldc row stride of c, at least H
     * @param h output, the hidden state, batch x H
     * @param hOffset index of h's first element
     * @param ldh row stride of h, at least H
     */
    public static void lstmForward(int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                   float[] cPrev, int cPrevOffset, int ldcPrev,
                                   float[] gates, int gatesOffset, int ldGates,
                                   float[] c, int cOffset, int ldc, float[] h, int hOffset, int ldh) {
        for (int b = 0; b < batch; b++) {
            int pi = preOffset + b * ldPre;
            int gi = gatesOffset + b * ldGates;
            int cpi = cPrevOffset + b * ldcPrev;
            int ci = cOffset + b * ldc;
            int hi = hOffset + b * ldh;
            for (int j = 0; j < hidden; j++) {
                float i = sigmoid(pre[pi + j]);
                float fg = sigmoid(pre[pi + hidden + j]);
                float g = tanh(pre[pi + 2 * hidden + j]);
                float o = sigmoid(pre[pi + 3 * hidden + j]);
                float cell = Math.fma(fg, cPrev[cpi + j], i * g);
                gates[gi + j] = i;
                gates[gi + hidden + j] = fg;
                gates[gi + 2 * hidden + j] = g;
                gates[gi + 3 * hidden + j] = o;
                c[ci + j] = cell;
                h[hi + j] = o * tanh(cell);
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Recurrent#lstmBackward}.
     *
     * @param batch rows
     * @param hidden hidden units H
     * @param gates the forward's activated gates, batch x 4H
     * @param gatesOffset index of gates' first element
     * @param ldGates row stride of gates, at least 4H
     * @param cPrev the forward's c_prev, batch x H
     * @param cPrevOffset index of cPrev's first element
     * @param ldcPrev row stride of cPrev
     * @param c the forward's c, batch x H
     * @param cOffset index of c's first element
     * @param ldc row stride of c
     * @param dh dLoss/dh, batch x H
     * @param dhOffset index of dh's first element
     * @param lddh row stride of dh
     * @param dc dLoss/dc from step t+1, batch x H
     * @param dcOffset index of dc's first element
     * @param lddc row stride of dc
     * @param dPre output, dLoss/dpre, batch x 4H, blocks i, f, g, o
     * @param dPreOffset index of dPre's first element
     * @param lddPre row stride of dPre, at least 4H
     * @param dcPrev output, dLoss/dc_prev, batch x H
     * @param dcPrevOffset index of dcPrev's first element
     * @param lddcPrev row stride of dcPrev
     */
    public static void lstmBackward(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                    float[] cPrev, int cPrevOffset, int ldcPrev, float[] c, int cOffset, int ldc,
                                    float[] dh, int dhOffset, int lddh, float[] dc, int dcOffset, int lddc,
                                    float[] dPre, int dPreOffset, int lddPre,
                                    float[] dcPrev, int dcPrevOffset, int lddcPrev) {
        for (int b = 0; b < batch; b++) {
            int gi = gatesOffset + b * ldGates;
            int cpi = cPrevOffset + b * ldcPrev;
            int ci = cOffset + b * ldc;
            int dhi = dhOffset + b * lddh;
            int dci = dcOffset + b * lddc;
            int di = dPreOffset + b * lddPre;
            int dcpi = dcPrevOffset + b * lddcPrev;
            for (int j = 0; j < hidden; j++) {
                float i = gates[gi + j];
                float fg = gates[gi + hidden + j];
                float g = gates[gi + 2 * hidden + j];
                float o = gates[gi + 3 * hidden + j];
                float tc = tanh(c[ci + j]);
                float d = dh[dhi + j];
                // dL/dc_t: the gradient from step t+1 plus the path through h_t = o tanh(c_t).
                float dCell = Math.fma(d * o, 1f - tc * tc, dc[dci + j]);
                float cp = cPrev[cpi + j];
                dPre[di + j] = dCell * g * (i * (1f - i));
                dPre[di + hidden + j] = dCell * cp * (fg * (1f - fg));
                dPre[di + 2 * hidden + j] = dCell * i * (1f - g * g);
                dPre[di + 3 * hidden + j] = d * tc * (o * (1f - o));
                dcPrev[dcpi + j] = dCell * fg;
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Recurrent#gruForward}.
     *
     * @param batch rows
     * @param hidden hidden units H
     * @param inputPre the input part, batch x 3H, blocks r, z, n
     * @param inputPreOffset index of inputPre's first element
     * @param ldInputPre row stride of inputPre, at least 3H
     * @param hiddenPre the hidden part, batch x 3H, blocks r, z, n
     * @param hiddenPreOffset index of hiddenPre's first element
     * @param ldHiddenPre row stride of hiddenPre, at least 3H
     * @param hPrev the previous hidden state, batch x H (zeros at the first step)
     * @param hPrevOffset index of hPrev's first element
     * @param ldhPrev row stride of hPrev, at least H
     * @param gates output, batch x 4H, blocks r, z, n, h_n: saved for backward
     * @param gatesOffset index of gates' first element
     * @param ldGates row stride of gates, at least 4H
     * @param h output, the hidden state, batch x H
     * @param hOffset index of h's first element
     * @param ldh row stride of h, at least H
     */
    public static void gruForward(int batch, int hidden, float[] inputPre, int inputPreOffset, int ldInputPre,
                                  float[] hiddenPre, int hiddenPreOffset, int ldHiddenPre,
                                  float[] hPrev, int hPrevOffset, int ldhPrev,
                                  float[] gates, int gatesOffset, int ldGates, float[] h, int hOffset, int ldh) {
        for (int b = 0; b < batch; b++) {
            int xi = inputPreOffset + b * ldInputPre;
            int hhi = hiddenPreOffset + b * ldHiddenPre;
            int hpi = hPrevOffset + b * ldhPrev;
            int gi = gatesOffset + b * ldGates;
            int hi = hOffset + b * ldh;
            for (int j = 0; j < hidden; j++) {
                float r = sigmoid(inputPre[xi + j] + hiddenPre[hhi + j]);
                float z = sigmoid(inputPre[xi + hidden + j] + hiddenPre[hhi + hidden + j]);
                float hn = hiddenPre[hhi + 2 * hidden + j];
                float n = tanh(Math.fma(r, hn, inputPre[xi + 2 * hidden + j]));
                gates[gi + j] = r;
                gates[gi + hidden + j] = z;
                gates[gi + 2 * hidden + j] = n;
                gates[gi + 3 * hidden + j] = hn;
                // (1 - z) n + z h_prev, as n + z (h_prev - n).
                h[hi + j] = Math.fma(z, hPrev[hpi + j] - n, n);
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Recurrent#gruBackward}.
     *
     * @param batch rows
     * @param hidden hidden units H
     * @param gates the forward's gates, batch x 4H, blocks r, z, n, h_n
     * @param gatesOffset index of gates' first element
     * @param ldGates row stride of gates, at least 4H
     * @param hPrev the forward's h_prev, batch x H
     * @param hPrevOffset index of hPrev's first element
     * @param ldhPrev row stride of hPrev
     * @param dh dLoss/dh, batch x H
     * @param dhOffset index of dh's first element
     * @param lddh row stride of dh
     * @param dInputPre output, batch x 3H
     * @param dInputPreOffset index of dInputPre's first element
     * @param lddInputPre row stride of dInputPre, at least 3H
     * @param dHiddenPre output, batch x 3H
     * @param dHiddenPreOffset index of dHiddenPre's first element
     * @param lddHiddenPre row stride of dHiddenPre, at least 3H
     * @param dhPrev output, batch x H
     * @param dhPrevOffset index of dhPrev's first element
     * @param lddhPrev row stride of dhPrev
     */
    public static void gruBackward(int batch, int hidden, float[] gates, int gatesOffset, int ldGates,
                                   float[] hPrev, int hPrevOffset, int ldhPrev, float[] dh, int dhOffset, int lddh,
                                   float[] dInputPre, int dInputPreOffset, int lddInputPre,
                                   float[] dHiddenPre, int dHiddenPreOffset, int lddHiddenPre,
                                   float[] dhPrev, int dhPrevOffset, int lddhPrev) {
        for (int b = 0; b < batch; b++) {
            int gi = gatesOffset + b * ldGates;
            int hpi = hPrevOffset + b * ldhPrev;
            int dhi = dhOffset + b * lddh;
            int dxi = dInputPreOffset + b * lddInputPre;
            int dhhi = dHiddenPreOffset + b * lddHiddenPre;
            int dhpi = dhPrevOffset + b * lddhPrev;
            for (int j = 0; j < hidden; j++) {
                float r = gates[gi + j];
                float z = gates[gi + hidden + j];
                float n = gates[gi + 2 * hidden + j];
                float hn = gates[gi + 3 * hidden + j];
                float d = dh[dhi + j];
                float dn = d * (1f - z) * (1f - n * n);
                float dz = d * (hPrev[hpi + j] - n) * (z * (1f - z));
                float dr = dn * hn * (r * (1f - r));
                dInputPre[dxi + j] = dr;
                dInputPre[dxi + hidden + j] = dz;
                dInputPre[dxi + 2 * hidden + j] = dn;
                dHiddenPre[dhhi + j] = dr;
                dHiddenPre[dhhi + hidden + j] = dz;
                dHiddenPre[dhhi + 2 * hidden + j] = dn * r;
                dhPrev[dhpi + j] = d * z;
            }
        }
    }

    private static float sigmoid(float x) {
        return ScalarActivations.sigmoid(x);
    }

    private static float tanh(float x) {
        return (float) Math.tanh(x);
    }
}
