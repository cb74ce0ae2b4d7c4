package dev.lanes.nn.diagnostics;

import dev.lanes.nn.Layer;
import dev.lanes.nn.Network;
import dev.lanes.nn.RecurrentLayer;
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
 * A {@link TrainingListener} that records, for every recurrent layer of a network and every time step t, the
 * gradient norm ‖∂C/∂h_t‖ of each training batch ({@link RecurrentLayer#hiddenGradientNorms}) and keeps its
 * mean over each epoch's batches. Read from the last step back, the curve shows how far the loss reaches into
 * the past: a plain RNN's decays geometrically (the vanishing gradient), an LSTM's or GRU's stays level.
 *
 * <p>Recording a batch reads T numbers per layer that backward already computed; it costs nothing measurable.
 */
public final class TimeStepGradients implements TrainingListener {

    private final List<Integer> layers = new ArrayList<>();
    private final List<RecurrentLayer> recurrent = new ArrayList<>();
    private final double[][] sums;
    private final double[] scratch;
    private final List<double[][]> epochs = new ArrayList<>();
    private int batches;

    /**
     * Records the recurrent layers of {@code network}.
     *
     * @param network the network that will be trained
     * @throws IllegalArgumentException if it has no recurrent layer
     */
    public TimeStepGradients(Network network) {
        List<Layer> all = network.layers();
        int longest = 0;
        for (int l = 0; l < all.size(); l++) {
            if (all.get(l) instanceof RecurrentLayer r) {
                layers.add(l);
                recurrent.add(r);
                longest = Math.max(longest, r.steps());
            }
        }
        if (recurrent.isEmpty()) {
            throw new IllegalArgumentException("the network has no recurrent layer (rnn, lstm or gru) whose time"
                    + " steps could be recorded: " + network.describe());
        }
        sums = new double[recurrent.size()][];
        for (int k = 0; k < sums.length; k++) {
            sums[k] = new double[recurrent.get(k).steps()];
        }
        scratch = new double[longest];
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        for (double[] s : sums) {
            java.util.Arrays.fill(s, 0);
        }
        this.batches = 0;
    }

    @Override
    public void onBatchEnd(BatchEvent event) {
        Workspace ws = event.workspace();
        for (int k = 0; k < recurrent.size(); k++) {
            recurrent.get(k).hiddenGradientNorms(ws.state(layers.get(k)), scratch);
            for (int t = 0; t < sums[k].length; t++) {
                sums[k][t] += scratch[t];
            }
        }
        batches++;
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        double[][] means = new double[sums.length][];
        for (int k = 0; k < sums.length; k++) {
            means[k] = new double[sums[k].length];
            for (int t = 0; t < means[k].length; t++) {
                means[k][t] = batches == 0 ? Double.NaN : sums[k][t] / batches;
            }
        }
        epochs.add(means);
    }

    /** {@return the recorded layers, in network order} */
    public List<RecurrentLayer> layers() {
        return Collections.unmodifiableList(recurrent);
    }

    /**
     * {@return per finished epoch, per recorded layer ({@link #layers()} order), per time step: the mean over the
     * epoch's batches of ‖∂C/∂h_t‖; the arrays are live, not to be changed}
     */
    public List<double[][]> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** {@return the recorded layers as "1: lstm 128, …", their positions in the network counted from 1} */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < recurrent.size(); k++) {
            s.append(k == 0 ? "" : ", ").append(layers.get(k) + 1).append(": ").append(recurrent.get(k).describe());
        }
        return s.toString();
    }

    /**
     * Writes the means as CSV with a header, one line per epoch, layer and step: {@code epoch, layer (1-based
     * position in the network), type, step (0-based), grad_norm}, 6 significant digits. Replaces the file.
     *
     * @param file the CSV file to write
     * @throws FileNotFoundException if the file's directory does not exist
     * @throws IOException           if writing fails
     */
    public void writeCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FileNotFoundException(file + ": cannot write the CSV: no such directory " + parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("epoch,layer,type,step,grad_norm\n");
            for (int e = 0; e < epochs.size(); e++) {
                for (int k = 0; k < recurrent.size(); k++) {
                    double[] means = epochs.get(e)[k];
                    for (int t = 0; t < means.length; t++) {
                        w.write(String.format(Locale.ROOT, "%d,%d,%s,%d,%.6g%n", e + 1, layers.get(k) + 1,
                                recurrent.get(k).spec().type(), t, means[t]));
                    }
                }
            }
        }
    }
}
