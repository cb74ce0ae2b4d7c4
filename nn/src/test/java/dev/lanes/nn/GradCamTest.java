package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.explain.Attribution;
import dev.lanes.nn.explain.Explainer;
import dev.lanes.nn.explain.Method;
import dev.lanes.nn.explain.Score;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Grad-CAM against its definition computed independently: the feature maps A of the chosen layer from a
 * forward pass, α_k as the mean over pixels of ∂s/∂A_k by central differences of the double reference of the
 * layers above (not the explainer's backward pass), ReLU(Σ α_k A_k), and bilinear upsampling written again from
 * its definition. Lives in dev.lanes.nn to use {@link ReferenceLayers}.
 */
class GradCamTest {

    private static final double H = 1e-4;

    @Test
    void mapsAreTheDefinitionComputedByFiniteDifferences() {
        Network net = Network.builder().input(Shape.image(2, 7, 7))
                .layers("conv:3:3:relu,conv:4:2:tanh:stride=2,dense:6:relu,dense:3:softmax").seed(11).build();
        Random random = new Random(3);
        int count = 3;
        float[] x = new float[count * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        for (Score score : Score.values()) {
            for (int layer : new int[] {0, 1}) {
                Attribution a = new Explainer(net, 2).gradCam(x, count, Explainer.PREDICTED, score, layer);
                assertEquals(Method.GRAD_CAM, a.method());
                check(net, x, count, a, score, layer);
            }
        }
        // By default, the last convolution.
        Attribution last = new Explainer(net).gradCam(x, count, 2, Score.LOGIT);
        Attribution second = new Explainer(net).gradCam(x, count, 2, Score.LOGIT, 1);
        assertEquals(java.util.Arrays.toString(second.values()), java.util.Arrays.toString(last.values()));
    }

    private static void check(Network net, float[] x, int count, Attribution a, Score score, int layer) {
        Shape maps = net.layers().get(layer).outputShape();
        Shape in = net.inputShape();
        int pixels = maps.height() * maps.width();
        int channels = maps.channels();
        java.util.List<Layer> above = net.layers().subList(layer + 1, net.layers().size());
        Workspace ws = net.newWorkspace(1);
        for (int i = 0; i < count; i++) {
            ws.forward(x, i * net.inputSize(), 1, Mode.INFERENCE);
            double[] activations = ReferenceNetwork.toDouble(ws.activations(layer).clone());
            int c = a.explainedClass(i);
            double[] alpha = new double[channels];
            double[] alphaError = new double[channels];
            for (int p = 0; p < pixels; p++) {
                for (int k = 0; k < channels; k++) {
                    int e = p * channels + k;
                    double d1 = difference(net, above, activations, e, H, c, score);
                    double d2 = difference(net, above, activations, e, 2 * H, c, score);
                    alpha[k] += d1 / pixels;
                    alphaError[k] += (Math.abs(d1 - d2) + 1e-13 / H) / pixels;
                }
            }
            double[] cam = new double[pixels];
            double[] camError = new double[pixels];
            double max = 0;
            for (int p = 0; p < pixels; p++) {
                double sum = 0;
                double err = 0;
                for (int k = 0; k < channels; k++) {
                    sum += alpha[k] * activations[p * channels + k];
                    err += alphaError[k] * Math.abs(activations[p * channels + k]);
                }
                cam[p] = Math.max(0, sum);
                camError[p] = err;
                max = Math.max(max, cam[p]);
            }
            double gamma = ReferenceNetwork.KERNEL_ERROR * ReferenceNetwork.gamma(4096);
            for (int y = 0; y < in.height(); y++) {
                for (int xx = 0; xx < in.width(); xx++) {
                    double sy = clamp((y + 0.5) * maps.height() / in.height() - 0.5, maps.height() - 1);
                    double sx = clamp((xx + 0.5) * maps.width() / in.width() - 0.5, maps.width() - 1);
                    double expected = 0;
                    double error = 0;
                    for (int dy = 0; dy <= 1; dy++) {
                        for (int dx = 0; dx <= 1; dx++) {
                            int py = Math.min((int) sy + dy, maps.height() - 1);
                            int px = Math.min((int) sx + dx, maps.width() - 1);
                            double wy = dy == 0 ? 1 - (sy - (int) sy) : sy - (int) sy;
                            double wx = dx == 0 ? 1 - (sx - (int) sx) : sx - (int) sx;
                            expected += wy * wx * cam[py * maps.width() + px];
                            error += wy * wx * camError[py * maps.width() + px];
                        }
                    }
                    for (int ch = 0; ch < in.channels(); ch++) {
                        float actual = a.values()[i * net.inputSize() + (y * in.width() + xx) * in.channels() + ch];
                        double bound = gamma * (Math.abs(expected) + max) + error;
                        assertTrue(Math.abs(actual - expected) <= bound, score + ", layer " + layer + ", example " + i
                                + ", pixel (" + y + ", " + xx + "): Grad-CAM " + actual + ", definition " + expected
                                + ", bound " + bound);
                    }
                }
            }
        }
    }

    private static double clamp(double v, int max) {
        return Math.min(max, Math.max(0, v));
    }

    /** ∂s/∂A_e by a central difference of the double references of the layers above A. */
    private static double difference(Network net, java.util.List<Layer> above, double[] a, int e, double h, int c,
                                     Score score) {
        double saved = a[e];
        a[e] = saved + h;
        double up = score(net, above, a, c, score);
        a[e] = saved - h;
        double down = score(net, above, a, c, score);
        a[e] = saved;
        return (up - down) / (2 * h);
    }

    private static double score(Network net, java.util.List<Layer> above, double[] a, int c, Score score) {
        double[] v = a;
        for (Layer layer : above) {
            double[][] p = new double[layer.parameters().size()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = ReferenceNetwork.toDouble(layer.parameters().get(i).values());
            }
            v = ReferenceLayers.of(layer, LayerState.NONE).forward(v, 1, p, Mode.INFERENCE);
        }
        if (score == Score.PROBABILITY) {
            v = ReferenceNetwork.activate(net.outputActivation(), v, 1, v.length);
        }
        return v[c];
    }

    @Test
    void needsAConvolutionAndImages() {
        Network dense = Network.builder().input(4).dense(3, dev.lanes.kernels.Activation.SOFTMAX).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Explainer(dense).gradCam(new float[4], 1, 0, Score.LOGIT));
        assertEquals("Grad-CAM needs a convolution layer; this network has none (4 → 3 softmax, cross_entropy)",
                e.getMessage());
        Network cnn = Network.builder().input(Shape.image(1, 4, 4)).layers("conv:2:3:relu,dense:2:softmax").build();
        e = assertThrows(IllegalArgumentException.class,
                () -> new Explainer(cnn).gradCam(new float[16], 1, 0, Score.LOGIT, 1));
        assertTrue(e.getMessage().startsWith("Grad-CAM needs an image input and an image-shaped layer; layer 2"),
                e.getMessage());
    }
}
