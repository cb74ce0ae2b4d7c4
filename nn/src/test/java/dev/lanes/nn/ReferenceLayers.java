package dev.lanes.nn;

import dev.lanes.kernels.Activation;

/**
 * The double-precision reference of each layer type, chosen by the layer's {@link LayerSpec} (so a reference
 * never reads the implementation it checks). Adding a layer type to the gradient checks is one case here.
 */
final class ReferenceLayers {

    private ReferenceLayers() {
    }

    static ReferenceLayer of(Layer layer) {
        LayerSpec spec = layer.spec();
        Shape in = layer.inputShape();
        Shape out = layer.outputShape();
        return switch (spec.type()) {
            case "dense" -> dense(in.size(), out.size(), spec.activationOption("activation", Activation.IDENTITY));
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
