package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.scalar.ScalarRecurrent;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The backward references are the derivatives of the forward ones: for a loss {@code L = Σ w_h h + Σ w_c c}
 * (LSTM; {@code Σ w_h h} for the RNN and GRU) with random weights, the gradients the float backward kernel
 * writes for dh = w_h (and dc = w_c) must equal the central finite differences of L evaluated in double
 * precision straight from the cell's definition (written out below, independent of the kernels). Per element
 * the test allows (as the network's gradient check, docs/numerics.md)
 *
 * <pre>|g_float − D(h)| ≤ E + |D(h) − D(2h)| + 1e-14 (1 + |L|) / h,    h = 1e-4 · max(1, |θ|)</pre>
 *
 * <p>with E the float error of the forward-then-backward computation against the exact gradient, propagated
 * operation by operation ({@link Propagated#toExact}): the reference's sigmoid and tanh are within half an
 * ulp, every float operation rounds once. The bound must have teeth: below 0.1 % of the largest gradient of
 * each input.
 */
class RecurrentGradientTest {

    private static final int BATCH = 3;
    private static final int HIDDEN = 5;

    @Test
    void rnnBackwardIsTheDerivativeOfTheForward() {
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU}) {
            Random random = new Random(11);
            int n = BATCH * HIDDEN;
            float[] pre = Inputs.uniform(random, n, -3, 3);
            float[] wh = Inputs.uniform(random, n, -1, 1);
            float[] h = new float[n];
            float[] dPre = new float[n];
            ScalarRecurrent.rnnForward(f, BATCH, HIDDEN, pre, 0, HIDDEN, h, 0, HIDDEN);
            ScalarRecurrent.rnnBackward(f, BATCH, HIDDEN, h, 0, HIDDEN, wh, 0, HIDDEN, dPre, 0, HIDDEN);
            double[] error = new double[n];
            for (int k = 0; k < n; k++) {
                Propagated x = Propagated.toExact(pre[k], 0);
                Propagated d = Propagated.toExact(wh[k], 0);
                error[k] = f.kind() == Activation.Kind.RELU ? 0
                        : d.times(tanh(x).times(tanh(x)).oneMinus()).error();
            }
            boolean relu = f.kind() == Activation.Kind.RELU;
            ToDoubleFunction<double[][]> loss = in -> {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += wh[k] * (relu ? Math.max(in[0][k], 0) : Math.tanh(in[0][k]));
                }
                return sum;
            };
            assertGradient(f + " dPre", loss, new float[][] {pre}, 0, dPre, error, relu);
        }
    }

    @Test
    void lstmBackwardIsTheDerivativeOfTheForward() {
        Random random = new Random(12);
        int n = BATCH * HIDDEN;
        int four = 4 * HIDDEN;
        float[] pre = Inputs.uniform(random, BATCH * four, -3, 3);
        float[] cPrev = Inputs.uniform(random, n, -2, 2);
        float[] wh = Inputs.uniform(random, n, -1, 1);
        float[] wc = Inputs.uniform(random, n, -1, 1);
        float[] gates = new float[BATCH * four];
        float[] c = new float[n];
        float[] h = new float[n];
        float[] dPre = new float[BATCH * four];
        float[] dcPrev = new float[n];
        ScalarRecurrent.lstmForward(BATCH, HIDDEN, pre, 0, four, cPrev, 0, HIDDEN, gates, 0, four, c, 0, HIDDEN,
                h, 0, HIDDEN);
        ScalarRecurrent.lstmBackward(BATCH, HIDDEN, gates, 0, four, cPrev, 0, HIDDEN, c, 0, HIDDEN, wh, 0, HIDDEN,
                wc, 0, HIDDEN, dPre, 0, four, dcPrev, 0, HIDDEN);

        double[] preError = new double[BATCH * four];
        double[] cPrevError = new double[n];
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < HIDDEN; j++) {
                int p = b * four + j;
                int s = b * HIDDEN + j;
                Propagated i = sigmoid(Propagated.toExact(pre[p], 0));
                Propagated f = sigmoid(Propagated.toExact(pre[p + HIDDEN], 0));
                Propagated g = tanh(Propagated.toExact(pre[p + 2 * HIDDEN], 0));
                Propagated o = sigmoid(Propagated.toExact(pre[p + 3 * HIDDEN], 0));
                Propagated cp = Propagated.toExact(cPrev[s], 0);
                Propagated tc = tanh(f.fma(cp, i.times(g)));
                Propagated d = Propagated.toExact(wh[s], 0);
                Propagated dCell = d.times(o).fma(tc.times(tc).oneMinus(), Propagated.toExact(wc[s], 0));
                preError[p] = dCell.times(g).times(i.times(i.oneMinus())).error();
                preError[p + HIDDEN] = dCell.times(cp).times(f.times(f.oneMinus())).error();
                preError[p + 2 * HIDDEN] = dCell.times(i).times(g.times(g).oneMinus()).error();
                preError[p + 3 * HIDDEN] = d.times(tc).times(o.times(o.oneMinus())).error();
                cPrevError[s] = dCell.times(f).error();
            }
        }
        ToDoubleFunction<double[][]> loss = in -> {
            double sum = 0;
            for (int b = 0; b < BATCH; b++) {
                for (int j = 0; j < HIDDEN; j++) {
                    int p = b * four + j;
                    int s = b * HIDDEN + j;
                    double i = exactSigmoid(in[0][p]);
                    double f = exactSigmoid(in[0][p + HIDDEN]);
                    double g = Math.tanh(in[0][p + 2 * HIDDEN]);
                    double o = exactSigmoid(in[0][p + 3 * HIDDEN]);
                    double cell = f * in[1][s] + i * g;
                    sum += wh[s] * o * Math.tanh(cell) + wc[s] * cell;
                }
            }
            return sum;
        };
        float[][] inputs = {pre, cPrev};
        assertGradient("LSTM dPre", loss, inputs, 0, dPre, preError, false);
        assertGradient("LSTM dcPrev", loss, inputs, 1, dcPrev, cPrevError, false);
    }

    @Test
    void gruBackwardIsTheDerivativeOfTheForward() {
        Random random = new Random(13);
        int n = BATCH * HIDDEN;
        int three = 3 * HIDDEN;
        int four = 4 * HIDDEN;
        float[] inputPre = Inputs.uniform(random, BATCH * three, -3, 3);
        float[] hiddenPre = Inputs.uniform(random, BATCH * three, -3, 3);
        float[] hPrev = Inputs.uniform(random, n, -1, 1);
        float[] wh = Inputs.uniform(random, n, -1, 1);
        float[] gates = new float[BATCH * four];
        float[] h = new float[n];
        float[] dInputPre = new float[BATCH * three];
        float[] dHiddenPre = new float[BATCH * three];
        float[] dhPrev = new float[n];
        ScalarRecurrent.gruForward(BATCH, HIDDEN, inputPre, 0, three, hiddenPre, 0, three, hPrev, 0, HIDDEN,
                gates, 0, four, h, 0, HIDDEN);
        ScalarRecurrent.gruBackward(BATCH, HIDDEN, gates, 0, four, hPrev, 0, HIDDEN, wh, 0, HIDDEN,
                dInputPre, 0, three, dHiddenPre, 0, three, dhPrev, 0, HIDDEN);

        double[] inputError = new double[BATCH * three];
        double[] hiddenError = new double[BATCH * three];
        double[] hPrevError = new double[n];
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < HIDDEN; j++) {
                int p = b * three + j;
                int s = b * HIDDEN + j;
                Propagated r = sigmoid(exact(inputPre[p]).plus(exact(hiddenPre[p])));
                Propagated z = sigmoid(exact(inputPre[p + HIDDEN]).plus(exact(hiddenPre[p + HIDDEN])));
                Propagated hn = exact(hiddenPre[p + 2 * HIDDEN]);
                Propagated nGate = tanh(r.fma(hn, exact(inputPre[p + 2 * HIDDEN])));
                Propagated d = exact(wh[s]);
                Propagated dn = d.times(z.oneMinus()).times(nGate.times(nGate).oneMinus());
                Propagated dz = d.times(exact(hPrev[s]).minus(nGate)).times(z.times(z.oneMinus()));
                Propagated dr = dn.times(hn).times(r.times(r.oneMinus()));
                inputError[p] = dr.error();
                inputError[p + HIDDEN] = dz.error();
                inputError[p + 2 * HIDDEN] = dn.error();
                hiddenError[p] = dr.error();
                hiddenError[p + HIDDEN] = dz.error();
                hiddenError[p + 2 * HIDDEN] = dn.times(r).error();
                hPrevError[s] = d.times(z).error();
            }
        }
        ToDoubleFunction<double[][]> loss = in -> {
            double sum = 0;
            for (int b = 0; b < BATCH; b++) {
                for (int j = 0; j < HIDDEN; j++) {
                    int p = b * three + j;
                    int s = b * HIDDEN + j;
                    double r = exactSigmoid(in[0][p] + in[1][p]);
                    double z = exactSigmoid(in[0][p + HIDDEN] + in[1][p + HIDDEN]);
                    double nGate = Math.tanh(in[0][p + 2 * HIDDEN] + r * in[1][p + 2 * HIDDEN]);
                    sum += wh[s] * ((1 - z) * nGate + z * in[2][s]);
                }
            }
            return sum;
        };
        float[][] inputs = {inputPre, hiddenPre, hPrev};
        assertGradient("GRU dInputPre", loss, inputs, 0, dInputPre, inputError, false);
        assertGradient("GRU dHiddenPre", loss, inputs, 1, dHiddenPre, hiddenError, false);
        assertGradient("GRU dhPrev", loss, inputs, 2, dhPrev, hPrevError, false);
    }

    /**
     * Compares {@code gradient} with the central differences of {@code loss} in input {@code which}; with
     * {@code kinks}, differences whose stencil straddles 0 (ReLU's kink) are skipped.
     */
    private static void assertGradient(String what, ToDoubleFunction<double[][]> loss, float[][] inputs, int which,
                                       float[] gradient, double[] floatError, boolean kinks) {
        double[][] x = new double[inputs.length][];
        for (int t = 0; t < inputs.length; t++) {
            x[t] = new double[inputs[t].length];
            for (int k = 0; k < x[t].length; k++) {
                x[t][k] = inputs[t][k];
            }
        }
        double value = loss.applyAsDouble(x);
        double largest = 0;
        double largestBound = 0;
        int compared = 0;
        for (int k = 0; k < gradient.length; k++) {
            double theta = x[which][k];
            double step = 1e-4 * Math.max(1, Math.abs(theta));
            largest = Math.max(largest, Math.abs(gradient[k]));
            if (kinks && Math.abs(theta) < 2 * step) {
                continue;
            }
            double d1 = centralDifference(loss, x, which, k, step);
            double d2 = centralDifference(loss, x, which, k, 2 * step);
            double bound = floatError[k] + Math.abs(d1 - d2) + 1e-14 * (1 + Math.abs(value)) / step;
            largestBound = Math.max(largestBound, bound);
            compared++;
            double error = Math.abs(gradient[k] - d1);
            if (!(error <= bound)) {
                throw new AssertionError(String.format("%s[%d] = %s, finite difference %s, |error| %.3g > bound %.3g",
                        what, k, gradient[k], d1, error, bound));
            }
        }
        assertTrue(compared > gradient.length / 2, what + ": too few elements compared");
        assertTrue(largestBound < 1e-3 * largest, what + ": bound " + largestBound
                + " has no teeth against gradients up to " + largest);
    }

    private static double centralDifference(ToDoubleFunction<double[][]> loss, double[][] x, int which, int k,
                                            double step) {
        double theta = x[which][k];
        x[which][k] = theta + step;
        double plus = loss.applyAsDouble(x);
        x[which][k] = theta - step;
        double minus = loss.applyAsDouble(x);
        x[which][k] = theta;
        return (plus - minus) / (2 * step);
    }

    private static Propagated exact(float value) {
        return Propagated.toExact(value, 0);
    }

    /** The reference's sigmoid: exact in double, rounded once to float (half an ulp); slope at most 1/4. */
    private static Propagated sigmoid(Propagated x) {
        return x.apply(exactSigmoid(x.value()), 0.25, 0.5);
    }

    /** The reference's tanh: half an ulp; slope at most 1. */
    private static Propagated tanh(Propagated x) {
        return x.apply(Math.tanh(x.value()), 1, 0.5);
    }

    private static double exactSigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
