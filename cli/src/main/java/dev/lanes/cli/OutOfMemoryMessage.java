package dev.lanes.cli;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.internal.HeapBudget;
import java.util.Locale;

/**
 * The one line {@code lanes} prints for an {@link OutOfMemoryError}: what was being allocated when the stack
 * shows it, the heap limit, and the {@code -Xmx} to try. Allocations sized by a file are refused earlier with
 * their own message ({@link dev.lanes.nn.io.InsufficientHeapException}); this covers the rest.
 */
final class OutOfMemoryMessage {

    private OutOfMemoryMessage() {
    }

    static String of(OutOfMemoryError e, String[] args) {
        String command = args.length > 0 && !args[0].startsWith("-") ? "lanes " + args[0] : "lanes";
        String activity = activity(e);
        long max = HeapBudget.maxHeap();
        String suggestion = max == Long.MAX_VALUE ? "" : String.format(Locale.ROOT, ", e.g. java -Xmx%dg ...",
                Math.max(2, (long) Math.ceil(2.0 * max / (1L << 30))));
        return "out of memory (" + (e.getMessage() == null ? "Java heap space" : e.getMessage()) + ") in " + command
                + (activity == null ? "" : " while " + activity)
                + (max == Long.MAX_VALUE ? "" : "; this JVM's maximum heap is " + HeapBudget.bytes(max))
                + ": run java with a larger -Xmx" + suggestion + ", or make the job smaller"
                + " (--hidden, --batch, the data set, the image)";
    }

    /** What the innermost lanes frame of the error was doing, when it says so; else null. */
    private static String activity(OutOfMemoryError e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (!c.startsWith("dev.lanes.")) {
                continue;
            }
            String simple = c.substring(c.lastIndexOf('.') + 1);
            int nested = simple.indexOf('$');
            switch (nested < 0 ? simple : simple.substring(0, nested)) {
                case "Parameter", "Dense", "Network", "Initializer" -> {
                    return "allocating the network's parameters";
                }
                case "Workspace", "LayerBuffers", "Trainer", "OptimizerState", "Momentum", "Adam" -> {
                    return "allocating the training buffers and optimizer state";
                }
                case "Dataset", "DataSets", "IdxReader" -> {
                    return "loading the data set";
                }
                case "ImageFiles", "ImageDecoder", "GrayLevels", "ImageInput", "GrayImage", "Resample" -> {
                    return "reading the image";
                }
                case "ModelFile" -> {
                    return "loading the model";
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }
}
