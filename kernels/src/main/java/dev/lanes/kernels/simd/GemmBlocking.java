package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

import java.util.Locale;

/**
 * The GEMM's tuning in one place: cache blocking derived from this machine's caches, and the sizes at which the
 * packed path and threads start to pay. The blocks follow the analytical model of Low, Igual, Smith and
 * Quintana-Ortí ("Analytical modeling is enough for high-performance BLIS", ACM TOMS 43(2), 2016): each operand
 * block takes whole ways of the cache it must stay in, one way left for everything else. With S = 4 bytes per
 * float and a W-way cache seen as W ways of N·C bytes (sets x line size):
 * <ul>
 *   <li><b>KC</b> (L1): the B micro-panel (KC x NR, reused by every A micro-panel of a block) and one streaming A
 *       micro-panel (MR x KC): {@code ⌈MR·KC·S/(N·C)⌉ + ⌈NR·KC·S/(N·C)⌉ ≤ W − 1}, KC the largest multiple of 8
 *       that satisfies it (the paper's bound for kc).</li>
 *   <li><b>MC, NC</b> (L2): the packed A block (MC x KC) and, because {@link GemmDriver} runs all the KB / KC
 *       slices of k over one block of C before moving on, that block of C (MC x NC), beside the B micro-panel:
 *       {@code MC·(KC + NC)·S ≤ (W − 1 − ⌈NR·KC·S/(N·C)⌉)·N·C}. MC is {@value #ROW_PANELS} micro-panels of A (each
 *       B micro-panel brought into L1 then serves {@value #ROW_PANELS} micro-kernel calls), NC takes the rest, a
 *       multiple of NR.</li>
 *   <li><b>KB</b> (L3): the packed B block (KB x NC) fills this CPU's share of the last-level cache (its size over
 *       the CPUs sharing it) less one way and the A block's ways: {@code KB·NC·S ≤ (W − 1 − ⌈MC·KC·S/(N·C)⌉)·N·C},
 *       a multiple of KC, at most 16 KC. C then makes one trip from memory per KB of k.</li>
 * </ul>
 * The paper's own MC fills L2 with A alone; measured on an AMD Zen 5 (1 MiB L2), that left no room for the C
 * block and ran 10 % slower at n = 2048 than the split above. The register tile (MR x NR) comes from the vector
 * width and register count ({@link MicroKernel}).
 *
 * <p>Each value can be overridden for experiments: {@code -Dlanes.gemm.kc=}, {@code .mc=}, {@code .nc=},
 * {@code .kb=} (rounded up to the multiples above; KB to a multiple of KC). {@link #describe()} is the one-line
 * summary that logs and benchmark reports print.
 */
public final class GemmBlocking {

    /** Bytes per element. */
    private static final int S = Float.BYTES;

    /** MR-row micro-panels of A in a block: MC / MR. */
    static final int ROW_PANELS = 12;

    /** The caches the blocking was derived from. */
    static final CacheHierarchy CACHES = CacheHierarchy.detect();

    private static final Blocking BLOCKING = derive(CACHES, MR, NR).withOverrides();

    /** Depth of a packed slice: the B micro-panel (KC x NR) and an A micro-panel (MR x KC) share L1. */
    public static final int KC = BLOCKING.kc();

    /** Rows of a packed A block (MC x KC floats) and of a block of C, a multiple of MR. */
    public static final int MC = BLOCKING.mc();

    /** Columns of a packed B block and of a block of C (MC x NC floats, with the A block in L2), a multiple of NR. */
    public static final int NC = BLOCKING.nc();

    /** Rows of op(B) packed in one go (KB x NC floats, L3-resident) and covered by one pass over C, a multiple of KC. */
    public static final int KB = BLOCKING.kb();

    /** At most this many rows of op(A) go the direct, unpacked way (GEMV-like shapes). */
    static final int DIRECT_MAX_M = 4;

    /** Below this many multiply-adds (m·n·k) packing costs more than it saves. */
    static final long DIRECT_MAX_VOLUME = 48L * 48 * 48;

    /**
     * The unpacked path ({@link SupGemm}) takes op(A) of at most this many bytes, a sixteenth of L2: small
     * products, where packing costs as much as the multiply (n = 64: 2.87 vs 4.20 µs packed; the 10-output
     * layer's 128 x 128 forward). Measured products alone (JMH, hot caches) favoured up to half of L2, but in
     * training they do not: the MLP's SGD epoch (784-256-128-10, batch 128, AMD Zen 5, 1 MiB L2) took 0.447 s
     * with half of L2, 0.414 with an eighth, 0.370–0.388 with a sixteenth and 0.374–0.378 with the path off,
     * as its 128 x 784 and 128 x 256 products then lose the packed panels' streaming. Overridable with
     * {@code -Dlanes.gemm.supbytes=} (0 turns the path off).
     */
    static final long SUP_MAX_BYTES = Math.max(0, Blocking.property("supbytes", (int) Math.min(Integer.MAX_VALUE,
            CACHES.l2().bytes() / 16)));

    /** Below this many multiply-adds a second thread costs more to wake than it saves. */
    static final long PARALLEL_MIN_VOLUME = 160L * 160 * 160;

    private GemmBlocking() {
    }

    /**
     * Whether a product beyond the direct path's takes the unpacked path: op(A) within {@link #SUP_MAX_BYTES}
     * and, where B is read in place (not transposed; a transposed B is packed into panels first), B within half
     * of that. Measured on an AMD Zen 5 (1 MiB L2, 1 thread): unpacked, the 128 x 784 x 128 and 128 x 784 x 256
     * products of the MLP's backward pass (B 400 and 800 KB, rows 3 KB apart) ran at half the packed path's
     * speed, while n = 256 (B 256 KB) ran 24 % faster and the 128 x 256 x 784 forward with its transposed B 20 %
     * faster.
     */
    static boolean sup(boolean transB, int m, int n, int k) {
        long a = (long) m * k * S;
        long b = (long) k * n * S;
        return a <= SUP_MAX_BYTES && (transB || b <= SUP_MAX_BYTES / 2);
    }

    /** The blocking chosen: {@code KC, MC, NC, KB} with the tile and the caches they came from. */
    record Blocking(int kc, int mc, int nc, int kb) {

        /** This blocking with the {@code lanes.gemm.*} system properties applied. */
        Blocking withOverrides() {
            int k = Math.max(1, property("kc", kc));
            int b = roundUp(Math.max(k, property("kb", kb)), k);
            int m = roundUp(Math.max(1, property("mc", mc)), MR);
            int n = roundUp(Math.max(1, property("nc", nc)), NR);
            return new Blocking(k, m, n, b);
        }

        private static int property(String name, int fallback) {
            String value = System.getProperty("lanes.gemm." + name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dlanes.gemm." + name + " must be a positive integer, not '"
                        + value + "'", e);
            }
        }
    }

    /** The analytical blocking for a {@code mr x nr} tile on these caches (see the class comment). */
    static Blocking derive(CacheHierarchy caches, int mr, int nr) {
        CacheHierarchy.Cache l1 = caches.l1();
        long way1 = l1.wayBytes();
        int kc = 8;
        while (kc < 4096 && ways(mr * (long) (kc + 8) * S, way1) + ways(nr * (long) (kc + 8) * S, way1) <= l1.ways() - 1) {
            kc += 8;
        }

        CacheHierarchy.Cache l2 = caches.l2();
        long way2 = l2.wayBytes();
        long l2Bytes = Math.max(1, l2.ways() - 1 - ways(nr * (long) kc * S, way2)) * way2;
        int mc = ROW_PANELS * mr;
        int nc = (int) Math.max(nr, (l2Bytes / ((long) mc * S) - kc) / nr * nr);

        CacheHierarchy.Cache l3 = caches.l3();
        long way3 = Math.max(way2, l3.wayBytes() / l3.sharedBy());
        long l3Bytes = Math.max(1, l3.ways() - 1 - ways((long) mc * kc * S, way3)) * way3;
        int kb = (int) Math.max(kc, Math.min(16L * kc, l3Bytes / ((long) nc * S) / kc * kc));
        return new Blocking(kc, mc, nc, kb);
    }

    /** Whole ways of {@code wayBytes} needed for {@code bytes}. */
    private static long ways(long bytes, long wayBytes) {
        return (bytes + wayBytes - 1) / wayBytes;
    }

    /**
     * One line for logs and benchmark reports, e.g. {@code GEMM 12x32 tile, KC 256, MC 144, KB 2816, NC 1184,
     * unpacked A <= 512K from L1d 48K/12-way, L2 1M/16-way, L3 32M/16-way/2 CPUs (sysfs)}; overridden values are
     * marked.
     */
    public static String describe() {
        Blocking model = derive(CACHES, MR, NR);
        return String.format(Locale.ROOT,
                "GEMM %dx%d tile, KC %d%s, MC %d%s, KB %d%s, NC %d%s, unpacked A <= %dK from %s", MR, NR,
                KC, mark(KC, model.kc()), MC, mark(MC, model.mc()), KB, mark(KB, model.kb()), NC, mark(NC, model.nc()),
                SUP_MAX_BYTES >> 10, CACHES);
    }

    private static String mark(int used, int derived) {
        return used == derived ? "" : " (set; model " + derived + ")";
    }

    static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
