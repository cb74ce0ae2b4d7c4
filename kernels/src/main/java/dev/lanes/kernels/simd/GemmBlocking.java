package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

/**
 * The GEMM's tuning in one place: cache blocking and the sizes at which packing and threads start to pay.
 * Measured on the development machine (AVX-512, 48 KiB L1d, 2 MiB L2 per core); see docs/benchmarks.md.
 */
final class GemmBlocking {

    /** Depth of a packed panel. A micro-panel of A (MR x KC) stays in L1 across the jr loop. */
    static final int KC = Integer.getInteger("tune.kc", 256);

    /** Rows of a packed A block (MC x KC floats, L2-resident), a multiple of MR. */
    static final int MC = MR * Integer.getInteger("tune.mcPanels", 12);

    /** Columns of a packed B block, a multiple of NR. */
    static final int NC = roundUp(Integer.getInteger("tune.nc", 1024), NR);

    /**
     * Rows of op(B) packed in one go (KB x NC floats, L3-resident), a multiple of KC. Every MC x NC block of C
     * then takes all KB / KC slices while it is in L2, instead of being re-read from memory once per slice.
     */
    static final int KB = KC * Integer.getInteger("tune.kbSlices", 8);

    /** At most this many rows of op(A) go the direct, unpacked way (GEMV-like shapes). */
    static final int DIRECT_MAX_M = 4;

    /** Below this many multiply-adds (m·n·k) packing costs more than it saves. */
    static final long DIRECT_MAX_VOLUME = 48L * 48 * 48;

    /** Below this many multiply-adds a second thread costs more to wake than it saves. */
    static final long PARALLEL_MIN_VOLUME = 160L * 160 * 160;

    private GemmBlocking() {
    }

    static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
