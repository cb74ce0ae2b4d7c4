package dev.lanes.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One example's class probabilities, as {@link Network#classify} returns them, with the usual questions
 * answered: the best class, the top k, the probability of a class.
 */
public final class Classification {

    /**
     * A class and its probability.
     *
     * @param label       the class index
     * @param probability its output (a probability for a softmax or sigmoid network)
     */
    public record Prediction(int label, float probability) {
    }

    private final float[] probabilities;

    /** Wraps {@code probabilities} (taken, not copied). */
    Classification(float[] probabilities) {
        this.probabilities = probabilities;
    }

    /** {@return number of classes} */
    public int classes() {
        return probabilities.length;
    }

    /** {@return the class with the highest probability (the first on ties)} */
    public int best() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * {@return the probability of class {@code label}}
     *
     * @param label the class, in {@code [0, classes)}
     */
    public float probability(int label) {
        if (label < 0 || label >= probabilities.length) {
            throw new IllegalArgumentException("label must be in 0 to " + (probabilities.length - 1) + ", was "
                    + label);
        }
        return probabilities[label];
    }

    /**
     * {@return the {@code k} most probable classes, most probable first ({@code k} is capped at the class count)}
     *
     * @param k how many classes, {@code >= 1}
     */
    public List<Prediction> top(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Integer[] order = new Integer[probabilities.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        // Stable: equal probabilities keep class order.
        Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
        List<Prediction> top = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            top.add(new Prediction(order[i], probabilities[order[i]]));
        }
        return top;
    }

    /** {@return all probabilities, by class; a copy} */
    public float[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public String toString() {
        return "Classification(best " + best() + ", " + top(Math.min(3, probabilities.length)) + ")";
    }
}
