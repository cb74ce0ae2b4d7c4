package dev.lanes.cli;

/**
 * The main class of the stand-in lanes.jar that {@link LauncherTest} runs through the {@code lanes} script:
 * echoes its arguments and a system property, writes to standard error as the CLI does (a line, then a
 * progress-bar-like redraw), and exits with the code given after {@code --exit}.
 */
public final class LauncherProbe {

    private LauncherProbe() {
    }

    /** Echoes {@code args}; the argument after {@code --exit} is the exit code. */
    public static void main(String[] args) {
        System.out.println("args: " + String.join("|", args));
        System.out.println("probe.value: " + System.getProperty("probe.value"));
        System.out.println("vector module: " + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        System.err.print("probe: standard error\n");
        System.err.print("tick\r");
        System.err.print("tock\n");
        System.err.flush();
        int code = 0;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--exit")) {
                code = Integer.parseInt(args[i + 1]);
            }
        }
        System.exit(code);
    }
}
