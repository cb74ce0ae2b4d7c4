package dev.lanes.nn;

/**
 * The double-precision references of the recurrent layers, straight from PyTorch's cell definitions, one
 * example and one step at a time (no time-major buffers, no fused kernels, no GEMMs): parameters
 * {@code [W_ih, W_hh, b_ih, b_hh]}, input batch x steps x features (step-major per example), output every
 * step's hidden state or the last one's.
 *
 * <p>Truncated backpropagation through time ({@code bptt=K}) is a statement about which values backward
 * treats as constants: the state entering every window of K steps counted back from the last step. As a
 * function whose finite differences give exactly that gradient, {@link #detachedAt} returns the reference with
 * those states frozen at their values at one point: the forward pass there is unchanged, and a perturbation
 * can no longer travel through a window boundary.
 */
final class ReferenceRecurrent implements ReferenceLayer {

    /** The cells. */
    enum Cell {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        final int gates;

        Cell(int gates) {
            this.gates = gates;
        }
    }

    private final Cell cell;
    private final int steps;
    private final int features;
    private final int units;
    private final boolean allSteps;
    private final int window;
    /** The state entering each window start t > 0, per example, or null: [t][b][h or c]. */
    private final double[][][] frozenH;
    private final double[][][] frozenC;

    private ReferenceRecurrent(Cell cell, int steps, int features, int units, boolean allSteps, int window,
                               double[][][] frozenH, double[][][] frozenC) {
        this.cell = cell;
        this.steps = steps;
        this.features = features;
        this.units = units;
        this.allSteps = allSteps;
        this.window = window;
        this.frozenH = frozenH;
        this.frozenC = frozenC;
    }

    /** The reference of an {@code rnn}, {@code lstm} or {@code gru} spec on {@code input}. */
    static ReferenceRecurrent of(LayerSpec spec, Shape input) {
        Cell cell = switch (spec.type()) {
            case "rnn" -> spec.activationOption("activation", null).kind() == dev.lanes.kernels.Activation.Kind.RELU
                    ? Cell.RNN_RELU : Cell.RNN_TANH;
            case "lstm" -> Cell.LSTM;
            case "gru" -> Cell.GRU;
            default -> throw new IllegalArgumentException(spec.type());
        };
        int steps = input.steps();
        int bptt = spec.intOption("bptt", 0, 0, Integer.MAX_VALUE);
        return new ReferenceRecurrent(cell, steps, input.features(), spec.intOption("units", 1, 1 << 20),
                "all".equals(spec.require("seq")), bptt == 0 ? steps : Math.min(bptt, steps), null, null);
    }

    @Override
    public ReferenceLayer detachedAt(double[] input, int batch, double[][] parameters, Mode mode) {
        if (window >= steps) {
            return this;
        }
        double[][][] h = new double[steps][][];
        double[][][] c = new double[steps][][];
        run(input, batch, parameters, h, c);
        return new ReferenceRecurrent(cell, steps, features, units, allSteps, window, h, c);
    }

    @Override
    public double[] forward(double[] input, int batch, double[][] parameters, Mode mode) {
        return run(input, batch, parameters, null, null);
    }

    /** The outputs; when {@code captureH} is given, records the state entering each window start. */
    private double[] run(double[] x, int batch, double[][] p, double[][][] captureH, double[][][] captureC) {
        int outSteps = allSteps ? steps : 1;
        double[] out = new double[batch * outSteps * units];
        for (int b = 0; b < batch; b++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int t = 0; t < steps; t++) {
                if (t > 0 && (steps - t) % window == 0) {
                    if (captureH != null) {
                        captureH[t] = capture(captureH[t], batch, b, h);
                        captureC[t] = capture(captureC[t], batch, b, c);
                    } else if (frozenH != null) {
                        h = frozenH[t][b].clone();
                        c = frozenC[t][b].clone();
                    }
                }
                double[] xt = new double[features];
                System.arraycopy(x, (b * steps + t) * features, xt, 0, features);
                step(p, xt, h, c);
                if (allSteps || t == steps - 1) {
                    int row = allSteps ? b * steps + t : b;
                    System.arraycopy(h, 0, out, row * units, units);
                }
            }
        }
        return out;
    }

    private static double[][] capture(double[][] slot, int batch, int b, double[] state) {
        double[][] s = slot != null ? slot : new double[batch][];
        s[b] = state.clone();
        return s;
    }

    /** One step of the cell on one example, updating h (and c) in place. */
    private void step(double[][] p, double[] x, double[] h, double[] c) {
        int rows = cell.gates * units;
        double[] xi = affine(p[0], p[2], x, rows, features);
        double[] hh = affine(p[1], p[3], h, rows, units);
        int n = units;
        switch (cell) {
            case RNN_TANH, RNN_RELU -> {
                for (int j = 0; j < n; j++) {
                    double z = xi[j] + hh[j];
                    h[j] = cell == Cell.RNN_TANH ? Math.tanh(z) : Math.max(z, 0);
                }
            }
            case LSTM -> {
                for (int j = 0; j < n; j++) {
                    double i = sigmoid(xi[j] + hh[j]);
                    double f = sigmoid(xi[n + j] + hh[n + j]);
                    double g = Math.tanh(xi[2 * n + j] + hh[2 * n + j]);
                    double o = sigmoid(xi[3 * n + j] + hh[3 * n + j]);
                    c[j] = f * c[j] + i * g;
                    h[j] = o * Math.tanh(c[j]);
                }
            }
            case GRU -> {
                for (int j = 0; j < n; j++) {
                    double r = sigmoid(xi[j] + hh[j]);
                    double z = sigmoid(xi[n + j] + hh[n + j]);
                    double candidate = Math.tanh(xi[2 * n + j] + r * hh[2 * n + j]);
                    h[j] = (1 - z) * candidate + z * h[j];
                }
            }
        }
    }

    /** {@code W v + b}, W rows x cols. */
    private static double[] affine(double[] w, double[] b, double[] v, int rows, int cols) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = b[r];
            for (int k = 0; k < cols; k++) {
                s += w[r * cols + k] * v[k];
            }
            out[r] = s;
        }
        return out;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
