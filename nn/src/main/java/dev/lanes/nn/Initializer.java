package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.random.RandomGenerator;

/**
 * How a weight starts: a zero-mean Gaussian whose variance comes from the parameter's fan-in and fan-out
 * ({@link Parameter#fanIn()}, {@link Parameter#fanOut()}: a convolution's kernel counts its receptive field
 * too), or a random orthogonal matrix ({@link #ORTHOGONAL}, what recurrent layers use for their recurrent
 * weights). Every other role starts at its neutral value: biases, β and running means at 0, γ and running
 * variances at 1 ({@link #GAUSSIAN} also draws biases from N(0, 1), as in Nielsen's first network).
 */
public enum Initializer {

    /** Weights and biases N(0, 1), as in Nielsen's first network; saturates deep sigmoid networks. */
    GAUSSIAN("gaussian"),

    /** Xavier/Glorot: weights N(0, 2 / (fanIn + fanOut)); for sigmoid, tanh and linear outputs. */
    XAVIER("xavier"),

    /** He/Kaiming: weights N(0, 2 / fanIn); for ReLU and its kin. */
    HE("he"),

    /**
     * Orthogonal (Saxe et al. 2014), gain 1: the weight read as a {@code rows x cols} matrix (rows the first
     * dimension) is cut into blocks of {@code cols} consecutive rows, and each block has orthonormal rows: a
     * square block is an orthogonal matrix, a shorter last block (or a matrix with fewer rows than columns)
     * is semi-orthogonal. So a recurrent weight {@code 4H x H} gets one orthogonal {@code H x H} block per
     * gate, and a product of such matrices neither shrinks nor grows a vector. Each block is the Q of a QR
     * decomposition (Gram–Schmidt in double) of a Gaussian matrix, so it is uniformly (Haar) distributed and
     * deterministic for a given random stream.
     */
    ORTHOGONAL("orthogonal");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    /** {@return the name used on the command line} */
    public String id() {
        return id;
    }

    /**
     * {@return the usual choice for weights followed by activation {@code f}: He for the ReLU family, else Xavier}
     *
     * @param f the activation that follows the weights
     */
    public static Initializer defaultFor(Activation f) {
        return switch (f.kind()) {
            case RELU, LEAKY_RELU, GELU, SILU, SOFTPLUS -> HE;
            default -> XAVIER;
        };
    }

    /**
     * Fills {@code p}'s values for its role, drawing from {@code random} (weights first, in storage order).
     *
     * @param p the parameter to fill
     * @param random the source of the draws (seeded by the network builder)
     */
    public void initialize(Parameter p, RandomGenerator random) {
        float[] v = p.values();
        switch (p.role()) {
            case WEIGHT, RECURRENT_WEIGHT -> {
                if (this == ORTHOGONAL) {
                    orthogonalBlocks(v, p.rows(), p.cols(), random);
                    return;
                }
                double std = switch (this) {
                    case GAUSSIAN -> 1.0;
                    case XAVIER -> Math.sqrt(2.0 / (p.fanIn() + p.fanOut()));
                    case HE -> Math.sqrt(2.0 / p.fanIn());
                    case ORTHOGONAL -> throw new AssertionError();
                };
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            }
            case BIAS -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = this == GAUSSIAN ? (float) random.nextGaussian() : 0f;
                }
            }
            case GAMMA, RUNNING_VARIANCE -> java.util.Arrays.fill(v, 1f);
            case BETA, RUNNING_MEAN -> java.util.Arrays.fill(v, 0f);
        }
    }

    /**
     * Fills the {@code rows x cols} matrix {@code v} with blocks of {@code cols} rows, each with orthonormal
     * rows: Gaussian rows, orthonormalised by modified Gram–Schmidt run twice (in double, so the rows are
     * orthonormal to float precision). A row that comes out (numerically) dependent is redrawn.
     */
    private static void orthogonalBlocks(float[] v, int rows, int cols, RandomGenerator random) {
        double[][] block = new double[Math.min(rows, cols)][cols];
        for (int first = 0; first < rows; first += cols) {
            int n = Math.min(cols, rows - first);
            for (int i = 0; i < n; i++) {
                double[] row = block[i];
                double norm = 0;
                while (norm == 0) {
                    norm = drawOrthogonal(row, block, i, random);
                }
                for (int j = 0; j < cols; j++) {
                    row[j] /= norm;
                    v[(first + i) * cols + j] = (float) row[j];
                }
            }
        }
    }

    /**
     * Draws a Gaussian {@code row} and removes its components along the orthonormal rows {@code 0 .. i-1} of
     * {@code block}; returns the norm of what is left, or 0 when that is mostly rounding (the row nearly in
     * their span), so the caller draws again.
     */
    private static double drawOrthogonal(double[] row, double[][] block, int i, RandomGenerator random) {
        for (int j = 0; j < row.length; j++) {
            row[j] = random.nextGaussian();
        }
        double drawn = Math.sqrt(dot(row, row));
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < i; k++) {
                double d = dot(row, block[k]);
                for (int j = 0; j < row.length; j++) {
                    row[j] -= d * block[k][j];
                }
            }
        }
        double norm = Math.sqrt(dot(row, row));
        return norm > 1e-6 * drawn ? norm : 0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /**
     * {@return the initializer with this {@link #id()}; the message lists the valid names}
     *
     * @param id the name: {@code gaussian}, {@code xavier}, {@code he} or {@code orthogonal}
     */
    public static Initializer parse(String id) {
        for (Initializer init : values()) {
            if (init.id.equals(id)) {
                return init;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + id + "': expected one of gaussian, xavier, he,"
                + " orthogonal");
    }
}
