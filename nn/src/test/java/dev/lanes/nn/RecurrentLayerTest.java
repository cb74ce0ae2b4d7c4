package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recurrent layers' configuration: PyTorch's parameter names and shapes, the initialization options, specs
 * that survive a model file, shapes, diagnostics, and the errors of a bad configuration. Their gradients are
 * {@link LayerGradientCheckTest}'s and {@link NetworkGradientCheckTest}'s.
 */
class RecurrentLayerTest {

    @TempDir
    Path dir;

    @Test
    void parametersAreNamedAndShapedAsPyTorchsWithTheGatesInItsOrder() {
        Network net = Network.builder().input(Shape.sequence(28, 28)).layers("lstm:128,dense:10")
                .loss(Loss.CROSS_ENTROPY).build();
        RecurrentLayer lstm = (RecurrentLayer) net.layers().get(0);
        List<Parameter> p = lstm.parameters();
        assertEquals("[lstm1.weight_ih[512x28], lstm1.weight_hh[512x128], lstm1.bias_ih[512], lstm1.bias_hh[512]]",
                p.toString());
        assertEquals(List.of(Parameter.Role.WEIGHT, Parameter.Role.RECURRENT_WEIGHT, Parameter.Role.BIAS,
                Parameter.Role.BIAS), p.stream().map(Parameter::role).toList());
        // nn.LSTM(28, 128) + Linear(128, 10): 4·128·(28 + 128) + 2·4·128 + 1290 parameters.
        assertEquals(4 * 128 * (28 + 128) + 2 * 4 * 128 + 128 * 10 + 10, net.parameterCount());
        assertEquals(Shape.flat(128), lstm.outputShape());
        assertEquals("28x28seq → lstm 128 → 10 softmax, cross_entropy", net.describe());
        Network gru = Network.builder().input(Shape.sequence(5, 3)).layers("gru:6:seq=all,rnn:4:relu").build();
        assertEquals("[gru1.weight_ih[18x3], gru1.weight_hh[18x6], gru1.bias_ih[18], gru1.bias_hh[18],"
                + " rnn2.weight_ih[4x6], rnn2.weight_hh[4x4], rnn2.bias_ih[4], rnn2.bias_hh[4]]",
                gru.parameters().toString());
        assertEquals(Shape.sequence(5, 6), gru.layers().get(0).outputShape());
        assertEquals("5x3seq → gru 6 seq → rnn 4 relu, mse", gru.describe());
    }

    @Test
    void recurrentWeightsStartOrthogonalPerGateAndTheForgetGateBiasAtOne() {
        Network net = Network.builder().input(Shape.sequence(3, 5)).layers("lstm:6,dense:2").seed(9).build();
        Lstm lstm = (Lstm) net.layers().get(0);
        float[] w = lstm.weightHh().values();
        int h = 6;
        for (int gate = 0; gate < 4; gate++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    double dot = 0;
                    for (int k = 0; k < h; k++) {
                        dot += (double) w[(gate * h + i) * h + k] * w[(gate * h + j) * h + k];
                    }
                    assertEquals(i == j ? 1 : 0, dot, 1e-6, "gate " + gate + " rows " + i + ", " + j);
                }
            }
        }
        float[] b = lstm.biasIh().values();
        for (int j = 0; j < 4 * h; j++) {
            assertEquals(j >= h && j < 2 * h ? 1f : 0f, b[j], "bias_ih[" + j + "]");
        }
        assertArrayEquals(new float[4 * h], lstm.biasHh().values());
        // Same seed, same weights; and the options turn both off.
        Network again = Network.builder().input(Shape.sequence(3, 5)).layers("lstm:6,dense:2").seed(9).build();
        assertArrayEquals(w, ((Lstm) again.layers().get(0)).weightHh().values());
        Lstm plain = (Lstm) Network.builder().input(Shape.sequence(3, 5))
                .layers("lstm:6:orthogonal=false:forget_bias=0,dense:2").seed(9).build().layers().get(0);
        assertArrayEquals(new float[4 * h], plain.biasIh().values());
        double rowNorm = 0;
        for (int k = 0; k < h; k++) {
            rowNorm += plain.weightHh().values()[k] * plain.weightHh().values()[k];
        }
        assertTrue(Math.abs(rowNorm - 1) > 1e-3, "a Xavier row is not a unit vector: " + rowNorm);
    }

    @Test
    void orthogonalInitializerGivesOrthonormalRowsForAnyShape() {
        for (int[] dims : new int[][] {{7, 7}, {3, 8}, {10, 4}, {9, 2, 2}}) {
            Parameter p = new Parameter("w", Parameter.Role.WEIGHT, dims);
            Initializer.ORTHOGONAL.initialize(p, new java.util.SplittableRandom(3));
            int rows = p.rows();
            int cols = p.cols();
            float[] v = p.values();
            for (int i = 0; i < rows; i++) {
                for (int j = i; j < rows && j < (i / cols + 1) * cols; j++) {
                    double dot = 0;
                    for (int k = 0; k < cols; k++) {
                        dot += (double) v[i * cols + k] * v[j * cols + k];
                    }
                    assertEquals(i == j ? 1 : 0, dot, 1e-6, java.util.Arrays.toString(dims) + " rows " + i + ", " + j);
                }
            }
        }
        assertEquals(Initializer.ORTHOGONAL, Initializer.parse("orthogonal"));
    }

    @Test
    void specsSurviveAModelFileAndTheLoadedNetworkPredictsTheSame() throws IOException {
        Network net = Network.builder().input(Shape.sequence(6, 4))
                .layers("rnn:5:relu:seq=all:bptt=2,lstm:7:seq=all:forget_bias=0.5,gru:3:orthogonal=false,dense:2:softmax")
                .seed(4).build();
        Path file = dir.resolve("r.lnn");
        ModelFile.save(net, Map.of(), file);
        Network loaded = ModelFile.loadModel(file).network();
        assertEquals(net.describe(), loaded.describe());
        for (int l = 0; l < 3; l++) {
            assertEquals(net.layers().get(l).spec(), loaded.layers().get(l).spec());
        }
        assertEquals("rnn(units=5, activation=relu, seq=all, bptt=2, orthogonal=true)",
                net.layers().get(0).spec().toString());
        assertEquals("lstm(units=7, seq=all, bptt=0, orthogonal=true, forget_bias=0.5)",
                net.layers().get(1).spec().toString());
        float[] x = new float[5 * 24];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        assertArrayEquals(net.predict(x, 5), loaded.predict(x, 5));
        assertArrayEquals(net.predict(java.util.Arrays.copyOf(x, 24)), loaded.predict(java.util.Arrays.copyOf(x, 24)));
    }

    @Test
    void aBatchGivesEachExampleWhatItGetsAlone() {
        // 20 examples: the batch runs the packed GEMM path, one example the direct one.
        Network net = Network.builder().input(Shape.sequence(4, 3)).layers("gru:5:seq=all,lstm:4:seq=all,rnn:6,dense:3")
                .seed(2).build();
        int n = 20;
        float[] x = new float[n * 12];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        float[] batch = net.predict(x, n);
        for (int i = 0; i < n; i++) {
            float[] one = net.predict(java.util.Arrays.copyOfRange(x, i * 12, (i + 1) * 12));
            for (int j = 0; j < 3; j++) {
                assertEquals(batch[i * 3 + j], one[j], 1e-6, "example " + i);
            }
        }
    }

    @Test
    void hiddenGradientNormsAreRecordedPerStep() {
        Network net = Network.builder().input(Shape.sequence(6, 2)).layers("rnn:4:bptt=4,dense:1").seed(1).build();
        Workspace ws = net.newWorkspace(3);
        float[] x = new float[3 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5) / 5f;
        }
        ws.forward(x, 3, Mode.TRAINING);
        ws.lossAndDelta(Targets.values(new float[] {1, 2, 3}, 0));
        ws.backward(true);
        double[] norms = new double[6];
        ((RecurrentLayer) net.layers().get(0)).hiddenGradientNorms(ws.state(0), norms);
        // bptt=4 with seq=last: steps 0 and 1 are not reached; the last step's is the dense layer's δ W.
        assertEquals(0, norms[0]);
        assertEquals(0, norms[1]);
        for (int t = 2; t < 6; t++) {
            assertTrue(norms[t] > 0, "step " + t);
        }
        double expected = 0;
        float[] delta = ws.outputDelta();
        float[] w = ((Dense) net.layers().get(1)).weights().values();
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < 4; j++) {
                expected += Math.pow(delta[b] * w[j], 2);
            }
        }
        assertEquals(Math.sqrt(expected), norms[5], 1e-6 * Math.sqrt(expected));
    }

    @Test
    void badConfigurationsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(784).layers("lstm:128,dense:10").build());
        assertEquals("layer 1 (lstm1) on input 784: lstm needs a sequence input (steps x features), got 784: read"
                + " images as sequences of rows (lanes train --sequence rows, or Shape.sequence(height, width))",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerTypes.parseAll("dense:4,rnn:8:sigmoid"));
        assertEquals("layer 2 'rnn:8:sigmoid': rnn: activation must be tanh or relu, was sigmoid (expected"
                + " rnn:UNITS:ACTIVATION[:key=value…])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerTypes.parse("gru:8:seq=every"));
        assertEquals("'gru:8:seq=every': gru: seq must be all or last, was 'every' (expected gru:UNITS[:key=value…])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerTypes.parse("lstm:8:bptt=-1"));
        assertTrue(e.getMessage().contains("bptt must be an integer in 0 to"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerTypes.parse("lstm:0"));
        assertTrue(e.getMessage().contains("units must be an integer in 1 to"), e.getMessage());
    }
}
