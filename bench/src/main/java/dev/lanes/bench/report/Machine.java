package dev.lanes.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CPU as Linux describes it in /proc/cpuinfo. */
final class Machine {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    /** The vector extensions that matter to float GEMM, widest last. */
    private static final List<String> SIMD = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_bf16",
            "avx512_fp16", "amx_tile", "asimd", "sve");

    private Machine() {
    }

    static String cpuModel() {
        return field("model name").orElseGet(() -> field("Model").orElse(System.getProperty("os.arch")));
    }

    /** The SIMD extensions of {@link #SIMD} the CPU reports, e.g. "avx avx2 fma avx512f". */
    static String simdFlags() {
        String flags = field("flags").orElseGet(() -> field("Features").orElse(""));
        Set<String> present = Stream.of(flags.split("\\s+")).collect(Collectors.toSet());
        return SIMD.stream().filter(present::contains).collect(Collectors.joining(" "));
    }

    private static Optional<String> field(String name) {
        try (Stream<String> lines = Files.lines(CPUINFO)) {
            return lines.filter(line -> line.startsWith(name) && line.substring(name.length()).trim().startsWith(":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
