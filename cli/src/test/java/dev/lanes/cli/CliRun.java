package dev.lanes.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code lanes} command line in-process, as the CLI tests see it: exit code and both streams. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code lanes args...} and captures what it printed. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lanes.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
