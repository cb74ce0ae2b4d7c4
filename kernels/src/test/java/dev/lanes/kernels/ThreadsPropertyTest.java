package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bad {@code -Dlanes.threads} in a fresh JVM: every use reports the property and its value with an
 * IllegalArgumentException (not an ExceptionInInitializerError, then NoClassDefFoundError), and
 * {@link Kernels#setThreads} still recovers.
 */
class ThreadsPropertyTest {

    @Test
    void invalidPropertyIsAClearErrorAtEveryUseNotABrokenClass() throws Exception {
        String message = "-Dlanes.threads must be an integer from 1 to " + Kernels.maxThreads()
                + " (the kernel threads, the caller included), was '0'";
        assertEquals(List.of(
                "IllegalArgumentException: " + message,
                "IllegalArgumentException: " + message,
                "after setThreads(2): 2"), runProbe("-Dlanes.threads=0"));
    }

    /** The probe: what a program sees calling Kernels.threads() twice, then setThreads(2). */
    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println("threads " + Kernels.threads());
            } catch (Throwable t) {
                System.out.println(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        Kernels.setThreads(2);
        System.out.println("after setThreads(2): " + Kernels.threads());
    }

    private static List<String> runProbe(String property) throws IOException, InterruptedException,
            URISyntaxException {
        String classpath = location(Kernels.class) + java.io.File.pathSeparator + location(ThreadsPropertyTest.class);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", property, "-cp", classpath,
                ThreadsPropertyTest.class.getName())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe JVM did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> !l.startsWith("WARNING")).toList();
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
