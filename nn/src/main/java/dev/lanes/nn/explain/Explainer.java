package dev.lanes.nn.explain;

import dev.lanes.kernels.Vectors;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Workspace;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Attribution maps of a class score s(x) (a {@link Score#LOGIT} or a {@link Score#PROBABILITY} of one class)
 * with respect to a network's input, for a batch of examples stored row-major in {@code x}.
 *
 * <p>Every method is batched: the examples, SmoothGrad's noisy copies, the integrated-gradient path points and
 * the occlusion perturbations are laid out as rows and pushed through the network {@link #maxBatch()} rows at
 * a time, one forward and (for the gradient methods) one backward pass per batch. The backward pass seeds the
 * output layer's δ with ∂s/∂zᴸ for each row's class (one-hot for a logit; the softmax or sigmoid Jacobian
 * times it for a probability) and backpropagates it to the input without parameter gradients. Rows never mix,
 * so each map is exactly its example's own gradient whatever the batch.
 *
 * <p>Holds one {@link Workspace} and its staging buffers: not thread-safe, use one explainer per thread. The
 * network's weights must not change while a method runs.
 */
public final class Explainer {

    /** The {@code targetClass} that explains each example's predicted class (its highest output). */
    public static final int PREDICTED = -1;

    /** The batch of {@link #Explainer(Network)}: large enough for efficient GEMMs, small enough for caches. */
    public static final int DEFAULT_MAX_BATCH = 256;

    private final Network network;
    private final Workspace workspace;
    private final int inputs;
    private final int outputs;
    private final int maxBatch;
    private final float[] staged;
    private final int[] stagedClass;
    private Workspace unfused;

    /**
     * An explainer for {@code network} with batches of {@link #DEFAULT_MAX_BATCH} rows.
     *
     * @param network the network to explain (not changed; its weights are only read)
     */
    public Explainer(Network network) {
        this(network, DEFAULT_MAX_BATCH);
    }

    /**
     * An explainer for {@code network} that pushes up to {@code maxBatch} rows through it at a time.
     *
     * @param network the network to explain (not changed; its weights are only read)
     * @param maxBatch the largest batch it will be given, {@code >= 1}
     * @throws IllegalArgumentException if {@code maxBatch < 1}
     */
    public Explainer(Network network, int maxBatch) {
        this.network = Objects.requireNonNull(network, "network");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        this.workspace = network.newWorkspace(maxBatch);
        this.inputs = network.inputSize();
        this.outputs = network.outputSize();
        this.maxBatch = maxBatch;
        this.staged = new float[Math.multiplyExact(maxBatch, inputs)];
        this.stagedClass = new int[maxBatch];
    }

    /** {@return the network explained} */
    public Network network() {
        return network;
    }

    /** {@return rows per forward/backward pass} */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * Vanilla gradient saliency: ∂s/∂x for each example, one forward and one backward pass per batch.
     *
     * @param x           {@code count} examples, row-major, {@code network.inputSize()} finite floats each
     * @param count       number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED} for each example's predicted class
     * @param score       the logit or the probability of that class
     * @return the maps
     * @throws IllegalArgumentException if {@code x} is too short or not finite, or the class is out of range
     */
    public Attribution gradient(float[] x, int count, int targetClass, Score score) {
        return gradient(x, count, targetClass, score, Method.GRADIENT);
    }

    private Attribution gradient(float[] x, int count, int targetClass, Score score, Method method) {
        checkInputs(x, count, targetClass, score);
        float[] values = new float[count * inputs];
        int[] explained = new int[count];
        int[] predicted = new int[count];
        float[] scores = new float[count];
        for (int from = 0; from < count; from += maxBatch) {
            int rows = Math.min(maxBatch, count - from);
            workspace.forward(x, from * inputs, rows, Mode.INFERENCE);
            classify(workspace, rows, from, targetClass, score, explained, predicted, scores);
            System.arraycopy(backward(rows, score), 0, values, from * inputs, rows * inputs);
        }
        return new Attribution(method, score, count, inputs, values, explained, predicted, scores, null);
    }

    /**
     * Gradient × input: {@code x ⊙ ∂s/∂x}, the first-order Taylor contribution of each feature relative to an
     * all-zero input. Arguments as {@link #gradient}.
     *
     * @param x {@code count} examples, row-major, {@code network.inputSize()} finite floats each
     * @param count number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED} for each example's predicted class
     * @param score the logit or the probability of that class
     * @return the maps
     * @throws IllegalArgumentException as {@link #gradient}
     */
    public Attribution gradientTimesInput(float[] x, int count, int targetClass, Score score) {
        Attribution g = gradient(x, count, targetClass, score, Method.GRADIENT_TIMES_INPUT);
        float[] values = g.values();
        for (int j = 0; j < count * inputs; j++) {
            values[j] *= x[j];
        }
        return g;
    }

    /**
     * SmoothGrad: the gradient averaged over {@code samples} noisy copies {@code x + N(0, σ²)} of each example,
     * with {@code σ = noise · (max x − min x)} per example. The copies of all examples go through the network
     * as batches. The explained class is chosen on the clean input. Same seed, same maps (whatever
     * {@link #maxBatch()}).
     *
     * @param x           {@code count} examples, row-major
     * @param count       number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED}
     * @param score       the logit or the probability of that class
     * @param samples     noisy copies per example, {@code >= 1}
     * @param noise       σ as a fraction of each example's value range, finite and {@code >= 0} (0.1 to 0.2 is
     *                    usual)
     * @param seed        seed of the noise
     * @return the averaged maps
     * @throws IllegalArgumentException for a bad argument (the message names it)
     */
    public Attribution smoothGrad(float[] x, int count, int targetClass, Score score, int samples, float noise,
                                  long seed) {
        checkInputs(x, count, targetClass, score);
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, was " + samples);
        }
        if (!(noise >= 0) || Float.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0 (a fraction of the input range), was "
                    + noise);
        }
        int[] explained = new int[count];
        int[] predicted = new int[count];
        float[] scores = new float[count];
        prepare(x, count, targetClass, score, explained, predicted, scores);
        float[] sigma = new float[count];
        for (int i = 0; i < count; i++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = i * inputs; j < (i + 1) * inputs; j++) {
                min = Math.min(min, x[j]);
                max = Math.max(max, x[j]);
            }
            sigma[i] = noise * (max - min);
        }
        float[] values = new float[count * inputs];
        SplittableRandom random = new SplittableRandom(seed);
        float weight = 1f / samples;
        batches((long) count * samples, true, score, (u, dst) -> {
            int image = (int) (u / samples);
            double s = sigma[image];
            int src = image * inputs;
            for (int j = 0; j < inputs; j++) {
                staged[dst + j] = x[src + j] + (float) (s * random.nextGaussian());
            }
            return explained[image];
        }, (first, rows, g) -> {
            for (int r = 0; r < rows; r++) {
                Vectors.axpy(inputs, weight, g, r * inputs, values, (int) ((first + r) / samples) * inputs);
            }
        });
        return new Attribution(Method.SMOOTHGRAD, score, count, inputs, values, explained, predicted, scores, null);
    }

    /**
     * Integrated gradients: {@code (x − x′) ⊙ ∫₀¹ ∂s/∂x (x′ + α (x − x′)) dα}, the integral taken by the
     * midpoint rule over {@code steps} points {@code α = (k + ½) / steps}. Completeness says the attributions
     * sum to {@code s(x) − s(x′)}; the midpoint sum misses it by at most V / (2 steps), V the total variation of
     * the path derivative (docs/explain.md), which {@link Attribution#completenessGap} reports. All path points
     * of all examples go through the network as batches.
     *
     * @param x           {@code count} examples, row-major
     * @param count       number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED} (chosen on x)
     * @param score       the logit or the probability of that class
     * @param baseline    x′, {@code network.inputSize()} finite floats, or null for all zeros (a black image)
     * @param steps       quadrature points, {@code >= 1} (32 to 300 is usual)
     * @return the maps, with s(x) and s(x′) for the completeness check
     * @throws IllegalArgumentException for a bad argument (the message names it)
     */
    public Attribution integratedGradients(float[] x, int count, int targetClass, Score score, float[] baseline,
                                           int steps) {
        checkInputs(x, count, targetClass, score);
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        }
        float[] base = baseline == null ? new float[inputs] : baseline;
        if (base.length != inputs) {
            throw new IllegalArgumentException("baseline has " + base.length + " features, the network expects "
                    + inputs);
        }
        checkFinite("baseline", base, inputs);
        int[] explained = new int[count];
        int[] predicted = new int[count];
        float[] scores = new float[count];
        prepare(x, count, targetClass, score, explained, predicted, scores);
        float[] baselineScores = new float[count];
        workspace.forward(base, 1, Mode.INFERENCE);
        for (int i = 0; i < count; i++) {
            baselineScores[i] = scoreAt(0, explained[i], score);
        }
        // The m gradients of a feature are summed in double: a float sum's error bound grows like m u, which
        // for hundreds of steps would rival the quadrature error the completeness gap is meant to show.
        double[] sums = new double[count * inputs];
        batches((long) count * steps, true, score, (u, dst) -> {
            int image = (int) (u / steps);
            float alpha = (u % steps + 0.5f) / steps;
            int src = image * inputs;
            for (int j = 0; j < inputs; j++) {
                staged[dst + j] = base[j] + alpha * (x[src + j] - base[j]);
            }
            return explained[image];
        }, (first, rows, g) -> {
            for (int r = 0; r < rows; r++) {
                int sum = (int) ((first + r) / steps) * inputs;
                int row = r * inputs;
                for (int j = 0; j < inputs; j++) {
                    sums[sum + j] += g[row + j];
                }
            }
        });
        float[] values = new float[count * inputs];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < inputs; j++) {
                int e = i * inputs + j;
                values[e] = (x[e] - base[j]) * (float) (sums[e] / steps);
            }
        }
        return new Attribution(Method.INTEGRATED_GRADIENTS, score, count, inputs, values, explained, predicted,
                scores, baselineScores);
    }

    /**
     * Occlusion (perturbation sensitivity), the model-agnostic cross-check of the gradients: every
     * {@code patch x patch} window P of the {@code rows x cols} image is raised and lowered by ε, and each pixel
     * gets the mean, over the windows covering it, of {@code (s(x + ε 1_P) − s(x − ε 1_P)) / (2 ε |P|)}. It
     * needs forward passes only (all perturbed copies as batches). With {@code patch = 1} it is the central
     * finite difference of s, which equals ∂s/∂x up to O(ε²) (exactly, for a ReLU network's logit, unless a
     * unit changes sign within ±ε); larger patches and ε show what a local gradient cannot.
     *
     * @param x           {@code count} examples, row-major
     * @param count       number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED} (chosen on x)
     * @param score       the logit or the probability of that class
     * @param rows        image rows ({@code rows * cols == network.inputSize()}; 1 for non-image inputs)
     * @param cols        image columns
     * @param patch       window side, {@code 1 <= patch <= min(rows, cols)}
     * @param epsilon     the change ε, finite and {@code > 0}
     * @return the maps: score change per unit of input, comparable with {@link #gradient}
     * @throws IllegalArgumentException for a bad argument (the message names it)
     */
    public Attribution occlusion(float[] x, int count, int targetClass, Score score, int rows, int cols, int patch,
                                 float epsilon) {
        checkInputs(x, count, targetClass, score);
        if (rows < 1 || cols < 1 || (long) rows * cols != inputs) {
            throw new IllegalArgumentException("rows x cols must be the network's " + inputs + " inputs, was " + rows
                    + " x " + cols);
        }
        if (patch < 1 || patch > Math.min(rows, cols)) {
            throw new IllegalArgumentException("patch must be in 1 to " + Math.min(rows, cols) + " for a " + rows
                    + " x " + cols + " image, was " + patch);
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, was " + epsilon);
        }
        int[] explained = new int[count];
        int[] predicted = new int[count];
        float[] scores = new float[count];
        prepare(x, count, targetClass, score, explained, predicted, scores);
        int windowCols = cols - patch + 1;
        int windows = (rows - patch + 1) * windowCols;
        int perImage = 2 * windows;
        float perPixel = 1f / (2f * epsilon * patch * patch);
        float[] values = new float[count * inputs];
        float[] plus = new float[1];
        batches((long) count * perImage, false, score, (u, dst) -> {
            int image = (int) (u / perImage);
            int window = (int) (u % perImage) >> 1;
            float change = (u & 1) == 0 ? epsilon : -epsilon;
            System.arraycopy(x, image * inputs, staged, dst, inputs);
            int corner = dst + (window / windowCols) * cols + window % windowCols;
            for (int py = 0; py < patch; py++) {
                for (int px = 0; px < patch; px++) {
                    staged[corner + py * cols + px] += change;
                }
            }
            return explained[image];
        }, (first, batch, g) -> {
            for (int r = 0; r < batch; r++) {
                long u = first + r;
                float s = scoreAt(r, stagedClass[r], score);
                if ((u & 1) == 0) {
                    plus[0] = s;
                    continue;
                }
                // The pair (+ε, −ε) is consecutive, possibly across batches: plus carries over.
                float slope = (plus[0] - s) * perPixel;
                int image = (int) (u / perImage);
                int window = (int) (u % perImage) >> 1;
                int corner = image * inputs + (window / windowCols) * cols + window % windowCols;
                for (int py = 0; py < patch; py++) {
                    for (int px = 0; px < patch; px++) {
                        values[corner + py * cols + px] += slope;
                    }
                }
            }
        });
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                int coverRows = covering(r, rows, patch);
                for (int c = 0; c < cols; c++) {
                    values[i * inputs + r * cols + c] /= coverRows * covering(c, cols, patch);
                }
            }
        }
        return new Attribution(Method.OCCLUSION, score, count, inputs, values, explained, predicted, scores, null);
    }

    /**
     * {@return Grad-CAM of the last convolution layer (see {@link #gradCam(float[], int, int, Score, int)})}
     *
     * @param x {@code count} examples, row-major, {@code network.inputSize()} finite floats each
     * @param count number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED} for each example's predicted class
     * @param score the logit or the probability of that class
     * @throws IllegalArgumentException if the network has no convolution layer, or for a bad argument
     */
    public Attribution gradCam(float[] x, int count, int targetClass, Score score) {
        int last = -1;
        for (int l = 0; l < network.layers().size(); l++) {
            if (network.layers().get(l).spec().type().equals("conv")) {
                last = l;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("Grad-CAM needs a convolution layer; this network has none ("
                    + network.describe() + ")");
        }
        return gradCam(x, count, targetClass, score, last);
    }

    /**
     * Grad-CAM (Selvaraju et al. 2017) at layer {@code layer} (0-based), whose output A is an image of K
     * channels: with {@code α_k = mean over pixels of ∂s/∂A_k}, the map is {@code ReLU(Σ_k α_k A_k)} at the
     * layer's resolution, upsampled bilinearly (pixel centres aligned, as PyTorch's {@code interpolate}) to the
     * input's height and width, the same value for every input channel. The gradient is a plain ∂s/∂A (this runs
     * on a workspace without BP2 fusion).
     *
     * @param layer the index of a layer with an image output, usually the last convolution
     * @param x {@code count} examples, row-major, {@code network.inputSize()} finite floats each
     * @param count number of examples, {@code >= 1}
     * @param targetClass the class to explain, or {@link #PREDICTED} for each example's predicted class
     * @param score the logit or the probability of that class
     * @return the maps
     * @throws IllegalArgumentException if the layer's or the input's shape is not an image, or for a bad argument
     */
    public Attribution gradCam(float[] x, int count, int targetClass, Score score, int layer) {
        checkInputs(x, count, targetClass, score);
        if (layer < 0 || layer >= network.layers().size()) {
            throw new IllegalArgumentException("layer must be in 0 to " + (network.layers().size() - 1) + ", was "
                    + layer);
        }
        dev.lanes.nn.Shape maps = network.layers().get(layer).outputShape();
        dev.lanes.nn.Shape in = network.inputShape();
        if (!maps.isImage() || !in.isImage()) {
            throw new IllegalArgumentException("Grad-CAM needs an image input and an image-shaped layer; layer "
                    + (layer + 1) + " (" + network.layers().get(layer).name() + ") outputs " + maps + ", the input is "
                    + in);
        }
        if (unfused == null) {
            unfused = network.newWorkspace(maxBatch, false);
        }
        int channels = maps.channels();
        int pixels = maps.height() * maps.width();
        float[] values = new float[count * inputs];
        int[] explained = new int[count];
        int[] predicted = new int[count];
        float[] scores = new float[count];
        float[] cam = new float[pixels];
        double[] alpha = new double[channels];
        for (int from = 0; from < count; from += maxBatch) {
            int rows = Math.min(maxBatch, count - from);
            unfused.forward(x, from * inputs, rows, Mode.INFERENCE);
            classify(unfused, rows, from, targetClass, score, explained, predicted, scores);
            seedScoreGradient(unfused, rows, score);
            unfused.backwardAbove(layer);
            float[] a = unfused.activations(layer);
            float[] g = unfused.activationGradients(layer);
            for (int r = 0; r < rows; r++) {
                int base = r * pixels * channels;
                Arrays.fill(alpha, 0);
                for (int p = 0; p < pixels; p++) {
                    for (int k = 0; k < channels; k++) {
                        alpha[k] += g[base + p * channels + k];
                    }
                }
                for (int p = 0; p < pixels; p++) {
                    double sum = 0;
                    for (int k = 0; k < channels; k++) {
                        sum += alpha[k] / pixels * a[base + p * channels + k];
                    }
                    cam[p] = (float) Math.max(0, sum);
                }
                upsample(cam, maps.height(), maps.width(), in, values, (from + r) * inputs);
            }
        }
        return new Attribution(Method.GRAD_CAM, score, count, inputs, values, explained, predicted, scores, null);
    }

    /**
     * Bilinear upsampling of a {@code h x w} map to the input's height and width, pixel centres aligned
     * (source coordinate {@code (y + ½) h / H − ½}, clamped), written to every input channel.
     */
    static void upsample(float[] map, int h, int w, dev.lanes.nn.Shape in, float[] out, int offset) {
        int height = in.height();
        int width = in.width();
        int channels = in.channels();
        for (int y = 0; y < height; y++) {
            double sy = Math.min(h - 1, Math.max(0, (y + 0.5) * h / height - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(w - 1, Math.max(0, (x + 0.5) * w / width - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * map[y0 * w + x0] + fx * map[y0 * w + x1])
                        + fy * ((1 - fx) * map[y1 * w + x0] + fx * map[y1 * w + x1]);
                for (int c = 0; c < channels; c++) {
                    out[offset + (y * width + x) * channels + c] = (float) v;
                }
            }
        }
    }

    /** How many windows of side {@code patch} within {@code [0, size)} cover position {@code p}. */
    private static int covering(int p, int size, int patch) {
        return Math.min(p, size - patch) - Math.max(0, p - patch + 1) + 1;
    }

    /** One forward pass over all examples: their predicted class, explained class and score. */
    private void prepare(float[] x, int count, int targetClass, Score score, int[] explained, int[] predicted,
                         float[] scores) {
        for (int from = 0; from < count; from += maxBatch) {
            int rows = Math.min(maxBatch, count - from);
            workspace.forward(x, from * inputs, rows, Mode.INFERENCE);
            classify(workspace, rows, from, targetClass, score, explained, predicted, scores);
        }
    }

    /** Writes staged row {@code u} at {@code staged[dst..]} and returns the class it explains. */
    private interface RowStager {
        int stage(long u, int dst);
    }

    /** Takes a batch of staged rows {@code first ..} after its forward pass (and its input gradients, if any). */
    private interface BatchUse {
        void use(long first, int rows, float[] gradients);
    }

    /**
     * Pushes {@code total} staged rows through the network, {@link #maxBatch()} at a time: the row-staging loop
     * of SmoothGrad, integrated gradients and occlusion. With {@code gradients}, each batch is also
     * backpropagated to the input.
     */
    private void batches(long total, boolean gradients, Score score, RowStager stager, BatchUse use) {
        for (long t = 0; t < total; t += maxBatch) {
            int rows = (int) Math.min(maxBatch, total - t);
            for (int r = 0; r < rows; r++) {
                stagedClass[r] = stager.stage(t + r, r * inputs);
            }
            workspace.forward(staged, rows, Mode.INFERENCE);
            use.use(t, rows, gradients ? backward(rows, score) : null);
        }
    }

    /** After a forward pass of examples {@code from ..}: their predicted and explained classes and scores. */
    /** Predicted and explained class and score of each row of {@code ws}'s last forward pass; stages the class. */
    private void classify(Workspace ws, int rows, int from, int targetClass, Score score, int[] explained,
                          int[] predicted, float[] scores) {
        Vectors.argmaxRows(rows, outputs, ws.outputs(), 0, outputs, predicted, from);
        float[] seen = score == Score.LOGIT ? ws.logits() : ws.outputs();
        for (int r = 0; r < rows; r++) {
            int c = targetClass == PREDICTED ? predicted[from + r] : targetClass;
            explained[from + r] = c;
            stagedClass[r] = c;
            scores[from + r] = seen[r * outputs + c];
        }
    }

    /** s of class {@code c} for row {@code row} of the last forward pass. */
    private float scoreAt(int row, int c, Score score) {
        float[] scores = score == Score.LOGIT ? workspace.logits() : workspace.outputs();
        return scores[row * outputs + c];
    }

    /** Seeds δᴸ = ∂s/∂zᴸ for each staged row's class and backpropagates it to the input; a live buffer. */
    private float[] backward(int rows, Score score) {
        seedScoreGradient(workspace, rows, score);
        return workspace.backwardToInput(false);
    }

    /** δᴸ = ∂s/∂zᴸ in {@code ws}: one at each staged row's class (times f′ for a probability), zero elsewhere. */
    private void seedScoreGradient(Workspace ws, int rows, Score score) {
        float[] delta = ws.outputDelta();
        Arrays.fill(delta, 0, rows * outputs, 0f);
        for (int r = 0; r < rows; r++) {
            delta[r * outputs + stagedClass[r]] = 1f;
        }
        if (score == Score.PROBABILITY) {
            ws.multiplyByOutputDerivative(rows);
        }
    }

    private void checkInputs(float[] x, int count, int targetClass, Score score) {
        Objects.requireNonNull(score, "score");
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        if ((long) count * inputs > x.length) {
            throw new IllegalArgumentException("x holds " + x.length + " floats, fewer than count " + count + " x "
                    + inputs + " inputs");
        }
        if (targetClass != PREDICTED && (targetClass < 0 || targetClass >= outputs)) {
            throw new IllegalArgumentException("class " + targetClass + " is not one of the network's " + outputs
                    + " outputs (0 to " + (outputs - 1) + "), nor PREDICTED (" + PREDICTED + ")");
        }
        checkFinite("x", x, count * inputs);
    }

    private void checkFinite(String name, float[] values, int n) {
        for (int j = 0; j < n; j++) {
            if (!Float.isFinite(values[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] (example " + j / inputs + ", feature "
                        + j % inputs + ") is " + values[j] + ", must be finite");
            }
        }
    }
}
