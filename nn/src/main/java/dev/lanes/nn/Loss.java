package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.List;

/**
 * The cost C a network is trained to minimise, per prediction summed over the outputs and averaged over the
 * predictions of the batch (the examples, or every example's time steps). BP1 lives here:
 * {@link #lossAndDelta} turns the network's last pre-activations zᴸ and outputs {@code aᴸ = f(zᴸ)} into
 * {@code δᴸ = ∇ₐC ⊙ f′(zᴸ)}, and losses paired with their output activation (cross-entropy with softmax,
 * binary cross-entropy with sigmoid) compute it straight from the logits, {@code δᴸ = aᴸ − y}, in the
 * numerically stable form.
 */
public interface Loss {

    /** Quadratic cost {@code ½‖a − y‖²} with any output activation: δᴸ = (a − y) ⊙ f′(zᴸ). */
    Loss MSE = new MeanSquaredError();

    /** Cross-entropy {@code −log softmax(zᴸ)_y} from the logits, with class labels: δᴸ = softmax(zᴸ) − y. */
    Loss CROSS_ENTROPY = new SoftmaxCrossEntropy();

    /**
     * Binary cross-entropy per output over sigmoid outputs (multi-label), from the logits, with targets in
     * [0, 1] (labels count as one-hot): δᴸ = σ(zᴸ) − y.
     */
    Loss BINARY_CROSS_ENTROPY = new BinaryCrossEntropy();

    /** {@return the name used on the command line and in model files, e.g. {@code cross_entropy}} */
    String id();

    /**
     * {@return the output activation this loss is defined over (softmax, sigmoid), applied to the logits by the
     * loss itself; null when the loss takes whatever output activation the network has}
     */
    Activation outputActivation();

    /**
     * {@return BP1 for {@code rows} predictions of {@code cols} outputs: returns C, the loss summed over each
     * row's outputs and averaged over the rows, and writes {@code δᴸ = ∂C/∂zᴸ} (so it carries the {@code 1/rows})}
     *
     * @param f       the network's output activation, {@code a = f(z)}
     * @param z       the logits, rows x cols
     * @param a       the outputs f(z), rows x cols (z itself for the identity)
     * @param targets the labels or values to compare with; labels count as one-hot vectors
     * @param scratch at least rows x cols floats this method may overwrite (for one-hot targets)
     * @param delta   where δᴸ goes, rows x cols; may be {@code z}'s array only when the loss is from logits
     * @param rows number of rows (examples), {@code >= 0}
     * @param cols number of columns (values per row), {@code >= 1}
     * @throws IllegalArgumentException for a label out of range or targets of the wrong kind
     */
    float lossAndDelta(int rows, int cols, Activation f, float[] z, float[] a, Targets targets, float[] scratch,
                       float[] delta);

    /** {@return the three losses} */
    static List<Loss> values() {
        return List.of(MSE, CROSS_ENTROPY, BINARY_CROSS_ENTROPY);
    }

    /**
     * {@return the loss with this {@link #id()}; the message lists the valid names}
     *
     * @param id the name: {@code cross_entropy}, {@code mse} or {@code binary_cross_entropy}
     */
    static Loss parse(String id) {
        for (Loss loss : values()) {
            if (loss.id().equals(id)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "': expected one of mse, cross_entropy,"
                + " binary_cross_entropy");
    }
}
