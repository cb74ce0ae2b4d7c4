package dev.lanes.nn.explain;

import java.util.Arrays;

/**
 * Attribution maps of a batch of examples: for each example, one value per input feature saying how much
 * that feature drives the explained class score, plus the class explained, the class predicted and the score
 * itself. Integrated gradients also carry the score of the baseline, so that completeness
 * (Σ attributions ≈ s(x) − s(baseline)) can be checked.
 */
public final class Attribution {

    private final Method method;
    private final Score score;
    private final int count;
    private final int features;
    private final float[] values;
    private final int[] explained;
    private final int[] predicted;
    private final float[] scores;
    private final float[] baselineScores;

    Attribution(Method method, Score score, int count, int features, float[] values, int[] explained,
                int[] predicted, float[] scores, float[] baselineScores) {
        this.method = method;
        this.score = score;
        this.count = count;
        this.features = features;
        this.values = values;
        this.explained = explained;
        this.predicted = predicted;
        this.scores = scores;
        this.baselineScores = baselineScores;
    }

    /** {@return the method that computed the maps} */
    public Method method() {
        return method;
    }

    /** {@return the score the maps explain} */
    public Score score() {
        return score;
    }

    /** {@return number of examples} */
    public int count() {
        return count;
    }

    /** {@return values per map: the network's input size} */
    public int features() {
        return features;
    }

    /**
     * {@return all maps, {@code count() x features()} row-major: the array owned by this result, not a copy (so
     * large batches are not duplicated); do not modify it}
     */
    public float[] values() {
        return values;
    }

    /**
     * {@return a copy of example {@code i}'s map}
     *
     * @param i the example, in {@code [0, count())}
     */
    public float[] map(int i) {
        checkExample(i);
        return Arrays.copyOfRange(values, i * features, (i + 1) * features);
    }

    /**
     * {@return the class whose score example {@code i}'s map explains}
     *
     * @param i the example, in {@code [0, count())}
     */
    public int explainedClass(int i) {
        checkExample(i);
        return explained[i];
    }

    /**
     * {@return the class the network predicts for example {@code i} (its highest output)}
     *
     * @param i the example, in {@code [0, count())}
     */
    public int predictedClass(int i) {
        checkExample(i);
        return predicted[i];
    }

    /**
     * {@return the explained score s(x) of example {@code i} (its logit or probability of {@link
     * #explainedClass})}
     *
     * @param i the example, in {@code [0, count())}
     */
    public float scoreValue(int i) {
        checkExample(i);
        return scores[i];
    }

    /**
     * s(baseline) of the explained class of example {@code i}; NaN unless the method is integrated gradients.
     *
     * @param i the example, in {@code [0, count())}
     * @return s(baseline), or NaN when the method has no baseline
     */
    public float baselineScore(int i) {
        checkExample(i);
        return baselineScores == null ? Float.NaN : baselineScores[i];
    }

    /**
     * {@return Σ of example {@code i}'s map, summed in double}
     *
     * @param i the example, in {@code [0, count())}
     */
    public double sum(int i) {
        checkExample(i);
        double s = 0;
        for (int j = i * features; j < (i + 1) * features; j++) {
            s += values[j];
        }
        return s;
    }

    /**
     * {@return the completeness gap of integrated gradients, Σ attributions − (s(x) − s(baseline)): zero for the
     * exact path integral, O(1/steps) for its midpoint sum (docs/explain.md)} NaN for the other methods.
     *
     * @param i the example, in {@code [0, count())}
     */
    public double completenessGap(int i) {
        checkExample(i);
        return baselineScores == null ? Double.NaN : sum(i) - ((double) scores[i] - baselineScores[i]);
    }

    /** {@return the largest |{@link #completenessGap}| over the examples; NaN unless integrated gradients} */
    public double maxCompletenessGap() {
        if (baselineScores == null) {
            return Double.NaN;
        }
        double max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, Math.abs(completenessGap(i)));
        }
        return max;
    }

    private void checkExample(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("example must be in 0 to " + (count - 1) + ", was " + i);
        }
    }

    @Override
    public String toString() {
        return "Attribution(" + method.id() + " of the " + score.id() + ", " + count + " x " + features + ")";
    }
}
