package dev.lanes.cli.draw;

import dev.lanes.nn.diagnostics.LayerDiagnostics;
import dev.lanes.nn.diagnostics.TrainingDiagnostics;
import dev.lanes.nn.train.EpochStats;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Charts of a training run as pictures, drawn with XChart: the loss and accuracy per epoch, each layer's
 * gradient norm during training (log scale, where vanishing and exploding gradients show as layers drifting orders of
 * magnitude apart) and each layer's activation spread.
 *
 * <p>Every picture is {@link #WIDTH} x {@link #HEIGHT} pixels; a title too long for the width is drawn in a
 * smaller font (down to 10 points) or, beyond that, cut with "…".
 */
public final class Charts {

    /** Width of every chart, in pixels. */
    public static final int WIDTH = 960;

    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 520;

    private Charts() {
    }

    /**
     * Loss (left axis) and accuracy (right axis) per epoch: training, and validation and test where the run
     * had them.
     *
     * @param epochs the run's epochs, at least one
     * @param title  the chart's title
     * @return the chart as a picture
     * @throws IllegalArgumentException if there are no epochs
     */
    public static BufferedImage trainingCurves(List<EpochStats> epochs, String title) {
        return ChartDrawing.trainingCurves(epochs, title);
    }

    /**
     * ‖∂C/∂W‖₂ of every layer against the training step, on a log scale. Steps whose norm is zero or not
     * finite (a diverged run) are left out.
     *
     * @param samples what {@link TrainingDiagnostics} recorded, at least one step
     * @param title   the chart's title
     * @return the chart as a picture
     * @throws IllegalArgumentException if there are no samples or no positive finite norm
     */
    public static BufferedImage gradientNorms(List<LayerDiagnostics> samples, String title) {
        return ChartDrawing.gradientNorms(samples, title);
    }

    /**
     * Each layer's activation standard deviation against the training step (solid, left axis) and, for ReLU,
     * sigmoid and tanh layers, the fraction of dead or saturated units (dashed, right axis, 0 to 1).
     *
     * @param samples what {@link TrainingDiagnostics} recorded, at least one step
     * @param title   the chart's title
     * @return the chart as a picture
     * @throws IllegalArgumentException if there are no samples
     */
    public static BufferedImage activationStatistics(List<LayerDiagnostics> samples, String title) {
        return ChartDrawing.activationStatistics(samples, title);
    }
}
