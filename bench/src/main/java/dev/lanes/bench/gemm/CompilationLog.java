package dev.lanes.bench.gemm;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JIT log of a run under {@code -XX:+PrintCompilation -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining}
 * and lists every method of a package that the JIT failed on. Three kinds of failure, each of which leaves kernel
 * code running far below its compiled speed for the rest of the JVM's life:
 * <ul>
 *   <li><b>failed</b>: a compile at some tier ended in {@code COMPILE SKIPPED}, or the method was made not
 *       compilable (C1's "out of virtual registers in linear scan", C2's "out of nodes", recompilation cutoffs);</li>
 *   <li><b>stuck</b>: compiled at tier 2 or 3 (C1 with profiling, which runs Vector API code with vectors boxed)
 *       but never at tier 4, and not inlined by C2 ({@code inline (hot)}) anywhere either, so its C1 code is what
 *       runs. A method whose C1 code is replaced by inlining into its C2 callers is fine;</li>
 *   <li><b>boxed</b>: C2 declined to inline a call whose callee takes or returns a vector or mask: C2 then
 *       allocates the vector on the heap at every call.</li>
 * </ul>
 * A C2 inlining line is recognised by its wording ({@code (hot)}, {@code hot method too big}, {@code already
 * compiled into a big method}, ...); C1 says {@code inline} or {@code callee is too large}.
 *
 * <p>Usage: {@code CompilationLog LOG [PACKAGE]}, PACKAGE defaulting to {@code dev.lanes.kernels}. Prints one line
 * per method with its tiers, then the problems; exits 1 if there is any. The vector-signature test loads the
 * package's classes, so run it with {@code --add-modules=jdk.incubator.vector} and them on the class path.
 */
public final class CompilationLog {

    /** timestamp, compile id, attributes (% s ! b n), tier, method, optional OSR bci, size, optional message. */
    private static final Pattern TASK = Pattern.compile(
            "^\\s*\\d+\\s+\\d+\\s+([%sbn! ]*?)\\s*(\\d)\\s+(\\S+::\\S+)(?: @ \\d+)? \\((\\d+) bytes\\)(.*)$");
    private static final Pattern NOT_COMPILABLE = Pattern.compile(
            "made not (?:OSR )?compilable on (?:level (\\d)|all levels)\\s+(\\S+::\\S+)(?: \\((\\d+) bytes\\))?(.*)$");
    private static final Pattern INLINE = Pattern.compile("^[\\s!]+@ \\d+\\s+(\\S+::\\S+) \\((\\d+) bytes\\)\\s+(.*)$");
    private static final List<String> C2_INLINED = List.of("inline (hot)");
    private static final List<String> C2_NOT_INLINED = List.of("hot method too big",
            "already compiled into a big method", "failed to inline: too big", "inlining too deep",
            "size > DesiredMethodLimit", "NodeCountInliningCutoff", "low call site frequency");

    /** What the log says about one method. */
    static final class MethodRecord {
        final String name;
        final TreeSet<String> tiers = new TreeSet<>();
        final List<String> failures = new ArrayList<>();
        final TreeSet<String> notInlinedBecause = new TreeSet<>();
        boolean c2Compiled;
        boolean c2Inlined;
        boolean profiledOnly;
        int bytes;

        MethodRecord(String name) {
            this.name = name;
        }
    }

    private final String packagePrefix;
    private final Map<String, MethodRecord> methods = new TreeMap<>();

    CompilationLog(String packagePrefix) {
        this.packagePrefix = packagePrefix;
    }

    /** Reads the log. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CompilationLog LOG [PACKAGE]");
            System.exit(2);
        }
        CompilationLog log = new CompilationLog(args.length > 1 ? args[1] : "dev.lanes.kernels");
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            log.read(line);
        }
        List<String> problems = log.problems();
        log.printTiers();
        if (problems.isEmpty()) {
            System.out.println("jit-check: no " + log.packagePrefix + " method failed, stuck below tier 4 or boxed");
        } else {
            System.out.println("jit-check: " + problems.size() + " problem(s):");
            problems.forEach(p -> System.out.println("  " + p));
            System.exit(1);
        }
    }

    /** Overloads share a name in the log; their sizes tell them apart. */
    private MethodRecord record(String name, String bytes) {
        MethodRecord r = methods.computeIfAbsent(name + " (" + bytes + " bytes)", key -> new MethodRecord(name));
        r.bytes = Integer.parseInt(bytes);
        return r;
    }

    private boolean ours(String method) {
        return method.startsWith(packagePrefix + ".");
    }

    void read(String line) {
        Matcher task = TASK.matcher(line);
        if (task.matches()) {
            String method = task.group(3);
            if (!ours(method)) {
                return;
            }
            MethodRecord r = record(method, task.group(4));
            boolean osr = task.group(1).contains("%");
            String tier = task.group(2);
            String message = task.group(5).trim();
            if (message.contains("COMPILE SKIPPED")) {
                r.failures.add("tier " + tier + (osr ? " OSR" : "") + ": " + message);
            } else if (message.isEmpty()) {
                r.tiers.add(tier + (osr ? "%" : ""));
                if (tier.equals("4") && !osr) {
                    r.c2Compiled = true;
                }
            }
            return;
        }
        Matcher notCompilable = NOT_COMPILABLE.matcher(line);
        if (notCompilable.find()) {
            String method = notCompilable.group(2);
            if (ours(method)) {
                String level = notCompilable.group(1) == null ? "all levels" : "level " + notCompilable.group(1);
                String bytes = notCompilable.group(3) == null ? "0" : notCompilable.group(3);
                record(method, bytes).failures.add("made not compilable on " + level + notCompilable.group(4));
            }
            return;
        }
        Matcher inline = INLINE.matcher(line);
        if (inline.matches() && ours(inline.group(1))) {
            MethodRecord r = record(inline.group(1), inline.group(2));
            String reason = inline.group(3);
            if (C2_INLINED.stream().anyMatch(reason::startsWith)) {
                r.c2Inlined = true;
            } else {
                C2_NOT_INLINED.stream().filter(reason::contains).forEach(r.notInlinedBecause::add);
            }
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (MethodRecord r : methods.values()) {
            for (String failure : r.failures) {
                problems.add("failed  " + r.name + " (" + r.bytes + " bytes): " + failure);
            }
            boolean profiled = r.tiers.contains("2") || r.tiers.contains("3") || r.tiers.contains("2%")
                    || r.tiers.contains("3%");
            if (profiled && !r.c2Compiled && !r.c2Inlined) {
                problems.add("stuck   " + r.name + " (" + r.bytes + " bytes): compiled at tiers " + r.tiers
                        + ", never at tier 4 nor inlined by C2");
            }
            if (!r.notInlinedBecause.isEmpty() && passesVectors(r.name)) {
                problems.add("boxed   " + r.name + " (" + r.bytes + " bytes): takes or returns a vector, and C2"
                        + " did not inline a call of it: " + String.join(", ", r.notInlinedBecause));
            }
        }
        return problems;
    }

    private void printTiers() {
        System.out.println("jit-check: " + methods.size() + " " + packagePrefix + " methods in the log"
                + " (tiers compiled; % = OSR; c2-inlined = inlined into some C2 compile)");
        for (MethodRecord r : methods.values()) {
            System.out.printf("  %-75s %5d B  tiers %-14s%s%n", r.name, r.bytes, String.join(",", r.tiers),
                    r.c2Inlined ? "  c2-inlined" : "");
        }
    }

    /** Whether any method of that name has a vector or mask among its parameters or its return type. */
    static boolean passesVectors(String qualifiedName) {
        int sep = qualifiedName.indexOf("::");
        String className = qualifiedName.substring(0, sep);
        String methodName = qualifiedName.substring(sep + 2);
        Class<?> type;
        try {
            type = Class.forName(className, false, CompilationLog.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!m.getName().equals(methodName)) {
                continue;
            }
            if (vectorType(m.getReturnType())) {
                return true;
            }
            for (Class<?> p : m.getParameterTypes()) {
                if (vectorType(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean vectorType(Class<?> type) {
        String name = type.getSimpleName();
        return type.getName().startsWith("jdk.incubator.vector.")
                && (name.endsWith("Vector") || name.endsWith("Mask") || name.endsWith("Shuffle"));
    }
}
