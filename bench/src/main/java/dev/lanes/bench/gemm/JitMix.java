package dev.lanes.bench.gemm;

import dev.lanes.kernels.Kernels;

/**
 * The workload of bench/jit-check.sh: a random-shape prelude ({@link RandomGemmMix}), then the hot products of
 * an MLP (batch-1 GEMVs, the batch-128 training products) over and over, then the random mix again, long enough
 * for every kernel method the mix uses to be called tens of thousands of times. Run under
 * {@code -XX:+PrintCompilation}; {@link CompilationLog} reads what the JIT did. Prints the time per call of the
 * hot products after the prelude, a figure to hold next to a fresh JVM's (GemmPreludeBench measures it properly).
 *
 * <p>Usage: {@code JitMix [prelude calls] [seconds of hot products] [final mix calls]}.
 */
public final class JitMix {

    /** Printed on its own line when the workload is done, so the log reader knows the run finished. */
    public static final String DONE = "jit-mix: done";

    private JitMix() {
    }

    /** Runs the workload. */
    public static void main(String[] args) {
        int prelude = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        double hotSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
        int finalMix = args.length > 2 ? Integer.parseInt(args[2]) : 30000;
        System.out.println("jit-mix: " + Kernels.describe());
        RandomGemmMix mix = new RandomGemmMix(20261130L);
        long t0 = System.nanoTime();
        mix.run(prelude);
        System.out.printf("jit-mix: prelude of %d random products in %.1f s%n", prelude,
                (System.nanoTime() - t0) * 1e-9);
        HotGemms hot = new HotGemms();
        long end = System.nanoTime() + (long) (hotSeconds * 1e9);
        int rounds = 0;
        while (System.nanoTime() < end) {
            hot.runAll();
            rounds++;
        }
        System.out.printf("jit-mix: %d rounds of the hot products%n", rounds);
        for (HotGemms.Product p : HotGemms.Product.values()) {
            int reps = Math.max(5, (int) (2e8 / p.flops()));
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                hot.run(p);
            }
            System.out.printf("jit-mix: %-8s %-26s %10.2f us/call%n", p.id(), p.label(),
                    (System.nanoTime() - start) * 1e-3 / reps);
        }
        t0 = System.nanoTime();
        mix.run(finalMix);
        System.out.printf("jit-mix: final mix of %d random products in %.1f s%n", finalMix,
                (System.nanoTime() - t0) * 1e-9);
        System.out.println(DONE);
    }
}
