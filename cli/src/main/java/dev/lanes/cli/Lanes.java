package dev.lanes.cli;

import dev.lanes.nn.io.InsufficientHeapException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code lanes} command: {@code lanes <command>} with the launcher script, or
 * {@code java --add-modules jdk.incubator.vector -jar lanes.jar <command>}; {@code lanes help [command]} lists
 * the options.
 *
 * <p>Exit codes: 0 success, 2 bad usage (the message and the usage text), 1 failure (a one-line message; the
 * stack trace only with {@code --verbose}).
 */
@Command(name = "lanes", mixinStandardHelpOptions = true, versionProvider = Lanes.Version.class,
        description = "Train, evaluate and explain neural networks on SIMD kernels.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExplainCommand.class,
            CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class Lanes {

    /** Exit code of a failure. */
    public static final int FAILURE = 1;

    /** Exit code of bad usage. */
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean verbose;

    private Lanes() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams; returns the exit code.
     *
     * @param args the command-line arguments
     * @param out where results go (standard output)
     * @param err where messages and usage go (standard error)
     * @return the exit code: 0, 1 (failure) or 2 (usage)
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Lanes top = new Lanes();
        CommandLine cli = new CommandLine(top);
        cli.setOut(out);
        cli.setErr(err);
        cli.setUsageHelpAutoWidth(true); // the annotation's covers this command only; this reaches the subcommands
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("lanes: " + e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof CommandLine.ParameterException p) {
                err.println("lanes: " + p.getMessage());
                p.getCommandLine().usage(err);
                return USAGE;
            }
            err.println("lanes: error: " + describe(e, args));
            if (top.verbose) {
                e.printStackTrace(err);
            }
            return FAILURE;
        });
        if (args.length == 0) {
            cli.usage(err);
            return USAGE;
        }
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) { // picocli hands on Errors; this one deserves a sentence, not a trace
            err.println("lanes: error: " + OutOfMemoryMessage.of(e, args));
            if (top.verbose) {
                e.printStackTrace(err);
            }
            code = FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception e, String[] args) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof InsufficientHeapException h) {
            return OutOfMemoryMessage.of(h, args);
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Lanes.class.getPackage().getImplementationVersion();
            return new String[] {"lanes " + (v == null ? "(development build)" : v)};
        }
    }
}
