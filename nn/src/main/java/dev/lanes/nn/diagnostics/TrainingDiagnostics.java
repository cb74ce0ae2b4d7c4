package dev.lanes.nn.diagnostics;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Vectors;
import dev.lanes.nn.Layer;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.train.BatchEvent;
import dev.lanes.nn.train.EpochStats;
import dev.lanes.nn.train.TrainingListener;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A {@link TrainingListener} that records, every {@code every} steps, each layer's activation statistics and
 * gradient norms ({@link LayerDiagnostics}), and every epoch's figures: the data of vanishing gradients (a
 * deep sigmoid network's first-layer gradient orders of magnitude below its last), exploding ones, dead ReLUs
 * and saturated units. {@link #writeCsv} writes it for spreadsheets (the
 * {@code lanes} command line also draws it as charts).
 *
 * <p>Recording a step costs a few passes over the layers' activations and gradients, small next to the
 * step's GEMMs. Add it to a trainer with {@code Trainer.builder().listener(diagnostics)}; it keeps what it
 * recorded if training fails, so a diverged run can be inspected.
 */
public final class TrainingDiagnostics implements TrainingListener {

    /** Histogram bins of {@link #TrainingDiagnostics()}. */
    public static final int DEFAULT_BINS = 16;

    private final int every;
    private final int bins;
    private final List<LayerDiagnostics> samples = new ArrayList<>();
    private final List<EpochStats> epochs = new ArrayList<>();
    private long step;

    /** Records every step, with {@link #DEFAULT_BINS} histogram bins. */
    public TrainingDiagnostics() {
        this(1, DEFAULT_BINS);
    }

    /**
     * Records steps 1, 1 + every, 1 + 2 every, ...
     *
     * @param every record one step in this many, {@code >= 1}
     * @param bins  histogram bins per layer, {@code >= 1}
     * @throws IllegalArgumentException if an argument is below 1
     */
    public TrainingDiagnostics(int every, int bins) {
        if (every < 1 || bins < 1) {
            throw new IllegalArgumentException("every and bins must be >= 1, were " + every + " and " + bins);
        }
        this.every = every;
        this.bins = bins;
    }

    @Override
    public void onBatchEnd(BatchEvent event) {
        step++;
        if ((step - 1) % every != 0) {
            return;
        }
        Workspace ws = event.workspace();
        Network network = ws.network();
        int rows = ws.batch();
        List<Layer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            // The last layer's outputs are the logits; its activation is the network's output activation.
            Activation f = last ? network.outputActivation() : layer.activation();
            float[] outputs = last ? ws.outputs() : ws.activations(l);
            int units = layer.outputShape().size();
            ActivationStatistics stats = ActivationStatistics.of(f, outputs, rows, units, bins);
            samples.add(new LayerDiagnostics(event.epoch(), event.batch(), event.batches(), step, l + 1,
                    f.name(), units, stats, norm(layer, Parameter.Role.WEIGHT, Parameter.Role.RECURRENT_WEIGHT),
                    norm(layer, Parameter.Role.BIAS)));
        }
    }

    /** ‖∂C/∂θ‖₂ over the layer's trainable parameters of these roles; NaN when it has none. */
    private static double norm(Layer layer, Parameter.Role... roles) {
        double sum = 0;
        boolean any = false;
        for (Parameter p : layer.parameters()) {
            if (p.trainable() && java.util.Arrays.asList(roles).contains(p.role())) {
                float[] g = p.gradient();
                sum += Vectors.sumOfSquares(g.length, g, 0);
                any = true;
            }
        }
        return any ? Math.sqrt(sum) : Double.NaN;
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        epochs.add(stats);
    }

    /** {@return the recorded layer samples, in step order then layer order; unmodifiable} */
    public List<LayerDiagnostics> samples() {
        return Collections.unmodifiableList(samples);
    }

    /** {@return the finished epochs' figures; unmodifiable} */
    public List<EpochStats> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** {@return steps seen so far (recorded or not)} */
    public long steps() {
        return step;
    }

    /**
     * Writes the samples as CSV, one line per recorded step and layer, with a header: {@code epoch, batch, batches,
     * step, layer, activation, units, mean, std, min, max, dead_fraction, saturated_fraction, weight_grad_norm,
     * bias_grad_norm, hist_low, hist_high, hist_0 … hist_(bins−1)}: numbers with 6 significant digits, NaN where
     * a figure does not apply. Replaces the file.
     *
     * @param file the CSV file to write (replaced if it exists)
     * @throws FileNotFoundException if the file's directory does not exist
     * @throws IOException           if writing fails
     */
    public void writeCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FileNotFoundException(file + ": cannot write the CSV: no such directory " + parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("epoch,batch,batches,step,layer,activation,units,mean,std,min,max,"
                    + "dead_fraction,saturated_fraction,weight_grad_norm,bias_grad_norm,hist_low,hist_high");
            for (int b = 0; b < bins; b++) {
                header.append(",hist_").append(b);
            }
            w.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (LayerDiagnostics s : samples) {
                ActivationStatistics a = s.activations();
                line.setLength(0);
                line.append(s.epoch()).append(',').append(s.batch()).append(',').append(s.batches()).append(',')
                        .append(s.step()).append(',')
                        .append(s.layer()).append(',').append(s.activation()).append(',').append(s.units());
                for (double v : new double[] {a.mean(), a.std(), a.min(), a.max(), a.deadFraction(),
                    a.saturatedFraction(), s.weightGradientNorm(), s.biasGradientNorm(), a.histogram().low(),
                    a.histogram().high()}) {
                    line.append(',').append(format(v));
                }
                for (long c : a.histogram().counts()) {
                    line.append(',').append(c);
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }
}
