package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.train.BatchEvent;
import dev.lanes.nn.train.EpochStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The progress bar keeps a usable bar on a 70-column terminal, and labels epochs as the result lines do. */
class TrainingProgressTest {

    @Test
    void aSeventyColumnBarStillHasRoomAndTheEpochLabelsMatch() throws InterruptedException {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        StringWriter lines = new StringWriter();
        TrainingProgress progress = new TrainingProgress(new PrintWriter(lines, true),
                () -> new ConsoleProgressBarConsumer(stream, 70), 1);
        progress.onEpochStart(1, 63);
        for (int batch = 1; batch <= 28; batch++) {
            progress.onBatchEnd(new BatchEvent(1, batch, 63, 128, 0.1234f, 0.05f, null));
            Thread.sleep(2);
        }
        // The bar draws on its own thread: wait for a drawing of the last batch (a loaded machine may be slow).
        for (int waited = 0; waited < 10_000 && !terminal.toString(StandardCharsets.UTF_8).contains("28/63");
                waited += 10) {
            Thread.sleep(10);
        }
        String drawn = terminal.toString(StandardCharsets.UTF_8);
        progress.onEpochEnd(new EpochStats(1, 0.5, 0.8, Double.NaN, Double.NaN, 0.85, 1.5, 0.05f));
        stream.close();

        // The last full drawing before the bar was cleared: at most 70 columns, a bar of 10 or more.
        String last = null;
        for (String frame : drawn.split("\r")) {
            if (frame.startsWith("epoch")) {
                last = frame.stripTrailing();
            }
        }
        assertTrue(last != null, drawn);
        assertTrue(last.length() <= 70, last);
        assertTrue(last.startsWith("epoch   1 "), last);
        Matcher bar = Pattern.compile("\\[([= >-]*)]").matcher(last);
        assertTrue(bar.find() && bar.group(1).length() >= 10, last);
        assertTrue(last.contains(" ex/s loss 0.1234"), last);
        assertEquals("epoch   1  train loss 0.5000  train acc 0.8000  test acc 0.8500  1.50 s\n", lines.toString());
    }
}
