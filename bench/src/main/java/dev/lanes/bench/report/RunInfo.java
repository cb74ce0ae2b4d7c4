package dev.lanes.bench.report;

import dev.lanes.bench.gemm.OpenBlas;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.simd.GemmBlocking;
import org.ejml.EjmlVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Records where a benchmark run happened, next to its JMH results, so the report describes the run and not the
 * machine it is generated on: CPU, cores, OS, JDK, lanes' vector width, the OpenBLAS in use (version and the
 * kernel set it picked), the peers' versions and the exact commands.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
 * dev.lanes.bench.report.RunInfo --out FILE [--command CMD] [--jmh CMD]...}
 */
public final class RunInfo {

    /** The file name the report looks for in a results directory. */
    public static final String FILE_NAME = "gemm-run.properties";

    private RunInfo() {
    }

    /** Writes the properties file; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        Path out = null;
        String command = "";
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(required(args[i], value));
                case "--command" -> command = required(args[i], value);
                case "--jmh" -> jmh.add(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: RunInfo --out FILE [--command CMD] [--jmh CMD]...");
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        Properties info = collect();
        info.setProperty("command", command);
        for (int i = 0; i < jmh.size(); i++) {
            info.setProperty("jmh." + (i + 1), jmh.get(i));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out)) {
            info.store(stream, "Where the SGEMM benchmarks ran (dev.lanes.bench.report.RunInfo)");
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** What this JVM and machine are, and the libraries in them. */
    static Properties collect() {
        Properties info = machine();
        // The thread count is set per run, so left out; the GEMM blocking is this machine's (forks given
        // -Dlanes.gemm.* overrides print theirs in their own logs).
        info.setProperty("lanes", Kernels.simdEnabled()
                ? "SIMD kernels, " + Kernels.vectorBits() + "-bit vectors; " + GemmBlocking.describe()
                : Kernels.describe());
        try {
            OpenBlas.Info openBlas = OpenBlas.probe(); // its thread count is set per run, so left out here
            info.setProperty("openblas", openBlas.config() + ", core " + openBlas.coreName() + ", from "
                    + openBlas.library());
        } catch (RuntimeException | LinkageError e) {
            info.setProperty("openblas", "not available: " + e.getMessage());
        }
        for (String variable : List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")) {
            String value = System.getenv(variable);
            info.setProperty("env." + variable, value == null ? "(unset)" : value);
        }
        info.setProperty("version.ejml", EjmlVersion.VERSION); // EJML's jars carry no Maven metadata
        info.setProperty("version.ojalgo", mavenVersion("org.ojalgo", "ojalgo"));
        info.setProperty("version.netlib", mavenVersion("dev.ludovic.netlib", "blas"));
        info.setProperty("version.jmh", mavenVersion("org.openjdk.jmh", "jmh-core"));
        return info;
    }

    /** The machine and JVM only: no library is loaded (the report's fallback when a run left no record). */
    static Properties machine() {
        Properties info = new Properties();
        info.setProperty("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        info.setProperty("cpu.model", Machine.cpuModel());
        info.setProperty("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        info.setProperty("cpu.simd", Machine.simdFlags());
        info.setProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        info.setProperty("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version"));
        return info;
    }

    /** The version Maven recorded in the (shaded) jar, or "?" when run from elsewhere. */
    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream stream = RunInfo.class.getResourceAsStream(resource)) {
            if (stream == null) {
                return "?";
            }
            Properties pom = new Properties();
            pom.load(stream);
            return pom.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
