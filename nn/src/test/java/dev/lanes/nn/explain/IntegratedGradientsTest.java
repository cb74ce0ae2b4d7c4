package dev.lanes.nn.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Dense;
import dev.lanes.nn.Network;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Completeness of integrated gradients with a derived bound, on networks with one ReLU hidden layer, whose
 * logit along the straight path x(α) = x′ + α (x − x′) is known exactly:
 *
 * <pre>
 *   g(α)  = s(x(α)) = b2_c + Σ_j W2_cj relu(z_j(α)),   z_j(α) = z_j(x′) + α Δ_j,   Δ_j = z_j(x) − z_j(x′)
 *   g′(α) = Σ_j W2_cj Δ_j [z_j(α) > 0]
 * </pre>
 *
 * g′ is piecewise constant with a jump of |W2_cj Δ_j| where z_j crosses 0 inside (0, 1), so its total variation
 * V is the sum of those jumps. Σ attributions = Q_m = (1/m) Σ_k g′((k + ½)/m), the midpoint rule, and
 * g(1) − g(0) = ∫ g′. On each of the m intervals of width 1/m, |∫ (g′ − g′(mid))| ≤ (1/2m) × the variation of g′
 * on that interval (each half is at most half the width times its variation), so
 *
 * <pre>
 *   |Σ attributions − (s(x) − s(x′))| ≤ V / (2m)
 * </pre>
 *
 * for any g′ of bounded variation: the gap shrinks as O(1/m) (faster, O(1/m²), where g′ is smooth). The test
 * checks this in double, then the explainer's float gap against V / (2m) plus the float error bound E below.
 */
class IntegratedGradientsTest {

    private static final double U = 0x1p-24;
    private static final int INPUTS = 24;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;
    private static final int COUNT = 4;

    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    @Test
    void completenessGapStaysWithinTheMidpointBoundAsStepsGrow() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            Network net = Network.builder().input(INPUTS).dense(HIDDEN, Activation.RELU)
                    .dense(CLASSES, Activation.SOFTMAX).seed(seed).build();
            // Nonzero biases: with zero biases and a zero baseline a ReLU network is positively homogeneous
            // along the path (z_j(α) = α z_j(x)), g′ is constant and the gap is zero for every m.
            float[] b1 = ((Dense) net.layers().get(0)).bias().values();
            for (int j = 0; j < HIDDEN; j++) {
                b1[j] = (float) (random.nextGaussian() * 0.5);
            }
            float[] x = new float[COUNT * INPUTS];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat();
            }
            float[] baseline = new float[INPUTS];
            if (seed == 3) {
                for (int i = 0; i < INPUTS; i++) {
                    baseline[i] = random.nextFloat() - 0.5f;
                }
            }
            // 5 rows per batch: the path points of one example straddle batches.
            Explainer explainer = new Explainer(net, 5);
            boolean crossings = false;
            for (int steps : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256}) {
                Attribution a = explainer.integratedGradients(x, COUNT, Explainer.PREDICTED, Score.LOGIT,
                        seed == 3 ? baseline : null, steps);
                for (int i = 0; i < COUNT; i++) {
                    Path path = new Path(net, x, i, baseline, a.explainedClass(i));
                    crossings |= path.variation > 0;
                    double quadrature = path.variation / (2.0 * steps);
                    double exact = path.midpointSum(steps) - path.scoreChange();
                    assertTrue(Math.abs(exact) <= quadrature + path.doubleSlack(),
                            "midpoint rule in double, " + steps + " steps: gap " + exact + " > V/2m " + quadrature);
                    double attributionError = path.attributionError(steps, a, i);
                    assertTrue(Math.abs(a.sum(i) - path.midpointSum(steps)) <= attributionError, String.format(
                            "seed %d, example %d, %d steps: Σ attributions %.7g, midpoint sum in double %.7g, bound"
                            + " %.3g", seed, i, steps, a.sum(i), path.midpointSum(steps), attributionError));
                    double floatError = attributionError + path.scoreError(path.x) + path.scoreError(path.base);
                    double gap = a.completenessGap(i);
                    assertTrue(Math.abs(gap) <= quadrature + floatError, String.format("seed %d, example %d, %d steps:"
                            + " |gap| %.3g > V/2m %.3g + float bound %.3g", seed, i, steps, Math.abs(gap), quadrature,
                            floatError));
                    // The float slack must not be what passes the test: it stays under a tenth of V/2m.
                    assertTrue(path.variation == 0 || floatError < 0.1 * quadrature,
                            "float bound " + floatError + " is not small next to V/2m " + quadrature);
                }
            }
            assertTrue(crossings, "no unit changed sign along any path: the test would check nothing");
        }
    }

    /** The exact logit along the path from the baseline to one example, and its float error bounds. */
    private static final class Path {
        final double[] w1;
        final double[] b1;
        final double[] w2c;
        final double b2c;
        final double[] x;
        final double[] base;
        final double[] zBase;
        final double[] delta;
        final double variation;

        Path(Network net, float[] inputs, int example, float[] baseline, int c) {
            Dense first = (Dense) net.layers().get(0);
            Dense second = (Dense) net.layers().get(1);
            w1 = toDouble(first.weights().values());
            b1 = toDouble(first.bias().values());
            w2c = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                w2c[j] = second.weights().values()[c * HIDDEN + j];
            }
            b2c = second.bias().values()[c];
            x = new double[INPUTS];
            base = new double[INPUTS];
            for (int i = 0; i < INPUTS; i++) {
                x[i] = inputs[example * INPUTS + i];
                base[i] = baseline[i];
            }
            zBase = hidden(base);
            double[] zx = hidden(x);
            delta = new double[HIDDEN];
            double v = 0;
            for (int j = 0; j < HIDDEN; j++) {
                delta[j] = zx[j] - zBase[j];
                double crossing = -zBase[j] / delta[j];
                if (delta[j] != 0 && crossing > 0 && crossing < 1) {
                    v += Math.abs(w2c[j] * delta[j]);
                }
            }
            variation = v;
        }

        double[] hidden(double[] in) {
            double[] z = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                double s = b1[j];
                for (int i = 0; i < INPUTS; i++) {
                    s += w1[j * INPUTS + i] * in[i];
                }
                z[j] = s;
            }
            return z;
        }

        double logit(double[] in) {
            double[] z = hidden(in);
            double s = b2c;
            for (int j = 0; j < HIDDEN; j++) {
                s += w2c[j] * Math.max(z[j], 0);
            }
            return s;
        }

        double scoreChange() {
            return logit(x) - logit(base);
        }

        double midpointSum(int m) {
            double sum = 0;
            for (int k = 0; k < m; k++) {
                double alpha = (k + 0.5) / m;
                for (int j = 0; j < HIDDEN; j++) {
                    if (zBase[j] + alpha * delta[j] > 0) {
                        sum += w2c[j] * delta[j];
                    }
                }
            }
            return sum / m;
        }

        /** Rounding of the double computation: far below anything float does. */
        double doubleSlack() {
            double scale = Math.abs(b2c);
            for (int j = 0; j < HIDDEN; j++) {
                scale += Math.abs(w2c[j] * delta[j]) + Math.abs(w2c[j] * zBase[j]);
            }
            return 1e-12 * (1 + scale);
        }

        /**
         * The first-order bound on |Σ float attributions − Q_m| for m steps (the gap's bound E adds the two
         * scores' errors, {@link #scoreError}):
         * <ul>
         *   <li>each step's input gradient Σ_j δ_j W1_ji with δ_j = W2_cj [z_j > 0] (exact: one nonzero term
         *       in the output layer's BP2) is within γ(H+2) M_i, M_i = Σ_j |W2_cj W1_ji|, of the exact one;</li>
         *   <li>the m gradients are summed in double (m 2⁻⁵³ M_i); the division by m and the conversion to float,
         *       x_i − x′_i and the product add γ(3) relative;</li>
         *   <li>a path point's unit j whose |z_j| is within its float error (γ(D+2)(|b1_j| + Σ|W1_ji x̃_i|) +
         *       Σ|W1_ji| γ(4)(|x′_i| + |x_i − x′_i|), x̃ rounded in four operations) may take the other side of
         *       the kink: that step may then miss or gain |W2_cj| Σ_i |W1_ji (x_i − x′_i)| / m;</li>
         *   <li>the attributions are summed in double: D 2⁻⁵³ Σ|attributions|.</li>
         * </ul>
         */
        double attributionError(int m, Attribution a, int example) {
            double e = 0;
            double attributionMagnitude = 0;
            for (int i = 0; i < INPUTS; i++) {
                double mi = 0;
                for (int j = 0; j < HIDDEN; j++) {
                    mi += Math.abs(w2c[j] * w1[j * INPUTS + i]);
                }
                double dx = Math.abs(x[i] - base[i]);
                e += dx * mi * (gamma(HIDDEN + 2) + m * 0x1p-53 + gamma(3));
                attributionMagnitude += Math.abs(a.values()[example * INPUTS + i]);
            }
            for (int k = 0; k < m; k++) {
                double alpha = (k + 0.5) / m;
                for (int j = 0; j < HIDDEN; j++) {
                    double magnitude = Math.abs(b1[j]);
                    double inputError = 0;
                    double reach = 0;
                    for (int i = 0; i < INPUTS; i++) {
                        double w = Math.abs(w1[j * INPUTS + i]);
                        double point = base[i] + alpha * (x[i] - base[i]);
                        magnitude += w * Math.abs(point);
                        inputError += w * gamma(4) * (Math.abs(base[i]) + Math.abs(x[i] - base[i]));
                        reach += w * Math.abs(x[i] - base[i]);
                    }
                    double zError = gamma(INPUTS + 2) * magnitude + inputError;
                    if (Math.abs(zBase[j] + alpha * delta[j]) <= zError) {
                        e += Math.abs(w2c[j]) * reach / m;
                    }
                }
            }
            return e + INPUTS * 0x1p-53 * attributionMagnitude;
        }

        /**
         * The error bound of a float logit: γ(H+2)(|b2_c| + Σ|W2_cj a_j|) + Σ|W2_cj| γ(D+2)(|b1_j| + Σ|W1_ji x_i|)
         * (ReLU is exact).
         */
        double scoreError(double[] in) {
            double[] z = hidden(in);
            double e = Math.abs(b2c);
            double propagated = 0;
            for (int j = 0; j < HIDDEN; j++) {
                e += Math.abs(w2c[j] * Math.max(z[j], 0));
                double magnitude = Math.abs(b1[j]);
                for (int i = 0; i < INPUTS; i++) {
                    magnitude += Math.abs(w1[j * INPUTS + i] * in[i]);
                }
                propagated += Math.abs(w2c[j]) * gamma(INPUTS + 2) * magnitude;
            }
            return gamma(HIDDEN + 2) * e + propagated;
        }

        private static double[] toDouble(float[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        }
    }
}
