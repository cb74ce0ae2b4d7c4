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

    /** See {@link dev.lanes.kernels.Recurrent#rnnForward}. */
    public static void rnnForward(Activation f, int batch, int hidden, float[] pre, int preOffset, int ldPre,
                                  float[] h, int hOffset, int ldh) {
        for (int b = 0; b < batch; b++) {
            ScalarActivations.forward(f, hidden, pre, preOffset + b * ldPre, h, hOffset + b * ldh);
        }
    }

    /** See {@link dev.lanes.kernels.Recurrent#rnnBackward}. */
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

    /** See {@link dev.lanes.kernels.Recurrent#lstmForward}. */
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

    /** See {@link dev.lanes.kernels.Recurrent#lstmBackward}. */
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

    /** See {@link dev.lanes.kernels.Recurrent#gruForward}. */
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

    /** See {@link dev.lanes.kernels.Recurrent#gruBackward}. */
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
