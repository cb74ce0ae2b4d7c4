package dev.lanes.nn;

import dev.lanes.kernels.Activation;

/**
 * The double-precision reference of each layer type, chosen by the layer's {@link LayerSpec} (so a reference
 * never reads the implementation it checks). Adding a layer type to the gradient checks is one case here.
 */
final class ReferenceLayers {

    private ReferenceLayers() {
    }

    /**
     * The reference of {@code layer}; {@code state} is the state its last forward used (a dropout reference
     * needs that forward's step).
     */
    static ReferenceLayer of(Layer layer, LayerState state) {
        LayerSpec spec = layer.spec();
        Shape in = layer.inputShape();
        Shape out = layer.outputShape();
        Activation f = spec.activationOption("activation", Activation.IDENTITY);
        return switch (spec.type()) {
            case "dense" -> dense(in.size(), out.size(), f);
            case "conv" -> ReferenceConvolutions.conv(((Conv2D) layer).geometry(), f);
            case "maxpool" -> ReferenceConvolutions.maxPool(in, out, spec.intOption("size", 1, 99),
                    spec.intOption("stride", 1, 99), spec.intOption("pad", 0, 99));
            case "avgpool" -> ReferenceConvolutions.avgPool(in, out, spec.intOption("size", 1, 99),
                    spec.intOption("stride", 1, 99), spec.intOption("pad", 0, 99), spec.booleanOption("countPad", true));
            case "globalavgpool" -> ReferenceConvolutions.globalAvgPool(in);
            case "batchnorm" -> ReferenceConvolutions.batchNorm(in, spec.floatOption("eps", 0f, 0f, 1f));
            case "dropout" -> ReferenceConvolutions.dropout(in, spec.floatOption("rate", 0f, 0f, 1f),
                    Long.parseLong(spec.require("seed")), Dropout.step(state));
            case "flatten" -> (x, batch, p, mode) -> x.clone();
            case "rnn", "lstm", "gru" -> ReferenceRecurrent.of(spec, in);
            default -> throw new IllegalArgumentException("no double-precision reference for layer type "
                    + spec.type());
        };
    }

    /** {@code a' = f(a Wᵀ + b)}, W units x inputs. */
    static ReferenceLayer dense(int inputs, int units, Activation f) {
        return (x, batch, p, mode) -> {
            double[] w = p[0];
            double[] b = p[1];
            double[] z = new double[batch * units];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < units; j++) {
                    double s = b[j];
                    for (int k = 0; k < inputs; k++) {
                        s += w[j * inputs + k] * x[i * inputs + k];
                    }
                    z[i * units + j] = s;
                }
            }
            return ReferenceNetwork.activate(f, z, batch, units);
        };
    }
}
