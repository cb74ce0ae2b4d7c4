package dev.lanes.cli;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.internal.HeapBudget;
import dev.lanes.nn.io.InsufficientHeapException;
import java.util.Locale;

/**
 * The one line {@code lanes} prints for an {@link OutOfMemoryError}: what was being allocated when the stack
 * shows it, the heap limit, and the {@code -Xmx} to try, as the {@code lanes} launcher takes it
 * ({@code LANES_JAVA_OPTS}) and as {@code java} does. Allocations sized by a file are refused earlier with their
 * own message ({@link InsufficientHeapException}), to which the launcher's form is added; this covers the rest.
 */
final class OutOfMemoryMessage {

    private OutOfMemoryMessage() {
    }

    static String of(OutOfMemoryError e, String[] args) {
        String command = command(args);
        String activity = activity(e);
        long max = HeapBudget.maxHeap();
        String xmx = String.format(Locale.ROOT, "-Xmx%dg", max == Long.MAX_VALUE ? 2
                : Math.max(2, (long) Math.ceil(2.0 * max / (1L << 30))));
        return "out of memory (" + (e.getMessage() == null ? "Java heap space" : e.getMessage()) + ") in " + command
                + (activity == null ? "" : " while " + activity)
                + (max == Long.MAX_VALUE ? "" : "; this JVM's maximum heap is " + HeapBudget.bytes(max))
                + ": give it a larger heap, e.g. " + howToRun(xmx, command) + ", or make the job smaller"
                + " (--hidden, --batch, the data set, the image)";
    }

    /**
     * The library's refusal of an allocation larger than the heap (it names what, how big, the heap and a
     * {@code -Xmx} for {@code java}), with the same heap given the way the {@code lanes} launcher takes it.
     */
    static String of(InsufficientHeapException e, String[] args) {
        // The message's own suggestion: recomputing it would read the heap's use at another moment.
        String xmx = e.suggestedXmx() != null ? e.suggestedXmx() : HeapBudget.suggestedXmx(e.bytesNeeded());
        return e.getMessage() + " (with the launcher: " + launcher(xmx, command(args)) + ")";
    }

    /** Both ways of starting lanes with a heap option: the launcher's variable, then plain java. */
    private static String howToRun(String xmx, String command) {
        return launcher(xmx, command) + " (java " + xmx + " ... without the launcher)";
    }

    private static String launcher(String xmx, String command) {
        return "LANES_JAVA_OPTS=" + xmx + " " + command + " ...";
    }

    private static String command(String[] args) {
        return args.length > 0 && !args[0].startsWith("-") ? "lanes " + args[0] : "lanes";
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
