package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lanes} launcher script, run as a distribution would run it (lanes, lib/jdk.sh, lib/lanes.jar), with a
 * stand-in jar: it finds a JDK 25, adds the Vector API module, drops only the JVM's incubator notice from standard
 * error, passes arguments, options and exit codes through, and skips a JDK that is too old. In a checkout it runs
 * cli/target/lanes.jar, built by a stand-in {@code mvnw} when it is missing or older than a source of kernels, nn or
 * cli.
 */
class LauncherTest {

    @TempDir
    static Path dir;

    private static Path launcher;
    private static Path probeJar;
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final String JAVA_HOME = System.getProperty("java.home");

    /** What a run printed and returned. */
    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void distribution() throws IOException {
        probeJar = dir.resolve("probe.jar");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the launcher is a POSIX shell script");
        Path dist = Files.createDirectories(dir.resolve("dist/lib"));
        launcher = dir.resolve("dist/lanes");
        Files.copy(CHECKOUT.resolve("lanes"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(CHECKOUT.resolve(".mvn/jdk.sh"), dist.resolve("jdk.sh"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(probeJar), manifest);
             InputStream probe = LauncherProbe.class.getResourceAsStream("LauncherProbe.class")) {
            jar.putNextEntry(new JarEntry(entry));
            probe.transferTo(jar);
            jar.closeEntry();
        }
        Files.copy(probeJar, dist.resolve("lanes.jar"));
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        return run(launcher, env, args);
    }

    private static Run run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("LANES_JAVA_OPTS");
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        return new Run(p.waitFor(), out, err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runsTheJarWithTheVectorModuleAndWithoutTheIncubatorNotice() throws Exception {
        Run r = run(Map.of("JAVA_HOME", JAVA_HOME), "train", "two words", "--exit", "3");
        assertEquals(3, r.code(), r.err());
        assertEquals("args: train|two words|--exit|3\nprobe.value: null\nvector module: true\n", r.out());
        // Only the JVM's notice is gone; the rest of standard error arrives byte for byte, \r included.
        assertEquals("probe: standard error\ntick\rtock\n", r.err());
    }

    @Test
    void passesJvmOptionsAndSkipsAJavaHomeThatIsTooOld() throws Exception {
        Path old = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Path java = old.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'this old java must not run' >&2\nexit 9\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\nMODULES=\"java.base\"\n");
        Run r = run(Map.of("JAVA_HOME", old.getParent().toString(), "PATH", JAVA_HOME + "/bin:/usr/bin:/bin",
                "LANES_JAVA_OPTS", "-Dprobe.value=set -Xmx64m"), "eval");
        assertEquals(0, r.code(), r.err());
        assertEquals("args: eval\nprobe.value: set\nvector module: true\n", r.out());
        assertEquals("probe: standard error\ntick\rtock\n", r.err());
    }

    @Test
    void aCollectorInLanesJavaOptsReplacesTheLaunchersSerialOne() throws Exception {
        // Two collectors would stop the JVM ("Conflicting collector combinations in option list").
        Run r = run(Map.of("JAVA_HOME", JAVA_HOME, "LANES_JAVA_OPTS", "-XX:+UseParallelGC -Dprobe.value=gc"), "eval");
        assertEquals(0, r.code(), r.err());
        assertEquals("args: eval\nprobe.value: gc\nvector module: true\n", r.out());
        assertEquals("probe: standard error\ntick\rtock\n", r.err());
    }

    @Test
    void theJdkSearchReadsVersionsAndModulesFromTheReleaseFile() throws Exception {
        String script = ". " + CHECKOUT.resolve(".mvn/jdk.sh") + "\n"
                + "for home in \"$@\"; do printf '%s=%s\\n' \"${home##*/}\" \"$(lanes_jdk_version \"$home\")\"; done\n";
        Path scriptFile = Files.writeString(dir.resolve("versions.sh"), script);
        Map<String, String> releases = Map.of(
                "temurin-25", "JAVA_VERSION=\"25.0.1\"\nMODULES=\"java.base jdk.incubator.vector jdk.jshell\"\n",
                "jre-25-without-vector", "JAVA_VERSION=\"25\"\nMODULES=\"java.base java.desktop\"\n",
                "java-8", "JAVA_VERSION=\"1.8.0_452\"\n",
                "jdk-26-ea", "JAVA_VERSION=\"26-ea\"\nMODULES=\"java.base jdk.incubator.vector\"\n");
        List<String> homes = new ArrayList<>();
        for (Map.Entry<String, String> e : releases.entrySet()) {
            Path home = Files.createDirectories(dir.resolve("homes").resolve(e.getKey()).resolve("bin"));
            Path java = home.resolve("java");
            Files.writeString(java, "#!/bin/sh\nexit 1\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(home.getParent().resolve("release"), e.getValue());
            homes.add(home.getParent().toString());
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", scriptFile.toString()));
        command.addAll(homes.stream().sorted().toList());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = read(p.getInputStream());
        assertEquals(0, p.waitFor(), out);
        assertEquals("java-8=1\njdk-26-ea=26\njre-25-without-vector=\ntemurin-25=25\n", out);
    }

    @Test
    void inACheckoutBuildsCliTargetLanesJarWhenMissingOrOlderThanASource() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Path script = checkout.resolve("lanes");
        Files.copy(CHECKOUT.resolve("lanes"), script);
        Files.createDirectories(checkout.resolve(".mvn"));
        Files.copy(CHECKOUT.resolve(".mvn/jdk.sh"), checkout.resolve(".mvn/jdk.sh"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Path source = null;
        for (String module : List.of("kernels", "nn", "cli")) {
            Files.createDirectories(checkout.resolve(module));
            Files.writeString(checkout.resolve(module + "/pom.xml"), "<project/>\n");
            source = Files.createDirectories(checkout.resolve(module + "/src/main/java")).resolve("Source.java");
            Files.writeString(source, "class Source {}\n");
        }
        // The stand-in build: records its arguments and "builds" the jar from the probe.
        Path mvnw = checkout.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho \"$*\" >> build.log\nmkdir -p cli/target\ncp '" + probeJar
                + "' cli/target/lanes.jar\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("JAVA_HOME", JAVA_HOME);

        Run first = run(script, env, "train");
        assertEquals(0, first.code(), first.err());
        assertEquals("args: train\nprobe.value: null\nvector module: true\n", first.out());
        assertEquals("lanes: building cli/target/lanes.jar first (./mvnw -q package -DskipTests -pl cli -am)\n"
                + "probe: standard error\ntick\rtock\n", first.err());
        assertEquals("-q package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl cli -am\n",
                Files.readString(checkout.resolve("build.log")));

        Path jar = checkout.resolve("cli/target/lanes.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Run fresh = run(script, env, "eval");
        assertEquals("probe: standard error\ntick\rtock\n", fresh.err(), "no rebuild of a fresh jar");

        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(120)));
        Run stale = run(script, env, "eval");
        assertEquals(0, stale.code(), stale.err());
        assertEquals("lanes: cli/src/main/java/Source.java changed since cli/target/lanes.jar was built; rebuilding"
                + " it\nprobe: standard error\ntick\rtock\n", stale.err());
        assertEquals(2, Files.readAllLines(checkout.resolve("build.log")).size());
    }
}
