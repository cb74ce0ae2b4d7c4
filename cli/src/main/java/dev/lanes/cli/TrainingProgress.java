package dev.lanes.cli;

import dev.lanes.nn.train.BatchEvent;
import dev.lanes.nn.train.EpochStats;
import dev.lanes.nn.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Console output of a training run: a progress bar per epoch on a terminal (examples/s, running loss), and
 * one line per epoch with the loss, the accuracies and the time.
 */
final class TrainingProgress implements TrainingListener {

    private final PrintWriter out;
    private final Supplier<ProgressBarConsumer> bar;
    private final int updateMillis;
    private ProgressBar progress;
    private double runningLoss;
    private long examples;

    /** Epoch lines to {@code out}; the bar, when {@code bar}, to the terminal's standard error. */
    TrainingProgress(PrintWriter out, boolean bar) {
        this(out, bar ? () -> new ConsoleProgressBarConsumer(System.err) : null, 200);
    }

    /**
     * Epoch lines to {@code out}; a bar per epoch to a consumer from {@code bar} (null: none), redrawn at most
     * every {@code updateMillis}. Only what fits the line is drawn: the bar shrinks first, so the fields are
     * short (no ETA, no unit) to leave it room on a 70-column terminal.
     */
    TrainingProgress(PrintWriter out, Supplier<ProgressBarConsumer> bar, int updateMillis) {
        this.out = out;
        this.bar = bar;
        this.updateMillis = updateMillis;
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        runningLoss = 0;
        examples = 0;
        if (bar != null) {
            progress = new ProgressBarBuilder().setTaskName(epochLabel(epoch)).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(updateMillis).hideEta()
                    .setConsumer(bar.get()).clearDisplayOnFinish().build();
        }
    }

    /** "epoch   1": the same label as the epoch's result line. */
    static String epochLabel(int epoch) {
        return String.format(Locale.ROOT, "epoch %3d", epoch);
    }

    @Override
    public void onBatchEnd(BatchEvent e) {
        runningLoss += (double) e.loss() * e.examples();
        examples += e.examples();
        if (progress != null) {
            double seconds = progress.getTotalElapsed().toNanos() / 1e9;
            progress.setExtraMessage(String.format(Locale.ROOT, "%,.0f ex/s loss %.4f",
                    seconds > 0 ? examples / seconds : 0, runningLoss / examples));
            progress.step();
        }
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (progress != null) {
            progress.close();
            progress = null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s  train loss %.4f  train acc %.4f",
                epochLabel(s.epoch()), s.trainLoss(), s.trainAccuracy()));
        if (!Double.isNaN(s.validationLoss())) {
            line.append(String.format(Locale.ROOT, "  val loss %.4f  val acc %.4f", s.validationLoss(),
                    s.validationAccuracy()));
        }
        if (!Double.isNaN(s.testAccuracy())) {
            line.append(String.format(Locale.ROOT, "  test acc %.4f", s.testAccuracy()));
        }
        line.append(String.format(Locale.ROOT, "  %.2f s", s.seconds()));
        out.println(line);
        out.flush();
    }
}
