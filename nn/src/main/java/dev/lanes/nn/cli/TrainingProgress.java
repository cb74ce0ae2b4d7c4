package dev.lanes.nn.cli;

import dev.lanes.nn.train.BatchEvent;
import dev.lanes.nn.train.EpochStats;
import dev.lanes.nn.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Console output of a training run: a progress bar per epoch on a terminal (examples/s, running loss), and
 * one line per epoch with the loss, the accuracies and the time.
 */
final class TrainingProgress implements TrainingListener {

    private final PrintWriter out;
    private final boolean bar;
    private ProgressBar progress;
    private double runningLoss;
    private long examples;

    /** Epoch lines to {@code out}; the bar, when {@code bar}, to the terminal's standard error. */
    TrainingProgress(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        runningLoss = 0;
        examples = 0;
        if (bar) {
            progress = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setUnit(" batches", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
        }
    }

    @Override
    public void onBatchEnd(BatchEvent e) {
        runningLoss += (double) e.loss() * e.examples();
        examples += e.examples();
        if (progress != null) {
            double seconds = progress.getTotalElapsed().toNanos() / 1e9;
            progress.setExtraMessage(String.format(Locale.ROOT, "%,.0f ex/s, loss %.4f",
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
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %3d  train loss %.4f  train acc %.4f",
                s.epoch(), s.trainLoss(), s.trainAccuracy()));
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
