package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

/**
 * The GEMM's tuning in one place: cache blocking and the sizes at which packing and threads start to pay.
 * Chosen by measurement on the development machine (AVX-512, 48 KiB L1d, 2 MiB L2 per core); see
 * docs/benchmarks.md. KC = 384 and 512 were slower at n = 1024 (the B micro-panel leaves L1); MC = 288 and
 * NC = 4096 made no difference; KB = 2048 gained 5-9 % at n = 2048 and nothing elsewhere.
 */
final class GemmBlocking {

    /** Depth of a packed slice: the B micro-panel (KC x NR, 32 KiB at 16 lanes) stays in L1. */
    static final int KC = 256;

    /** Rows of a packed A block (MC x KC floats, L2-resident), a multiple of MR. */
    static final int MC = MR * 12;

    /** Columns of a packed B block, a multiple of NR. */
    static final int NC = roundUp(1024, NR);

    /**
     * Rows of op(B) packed in one go (KB x NC floats, L3-resident), a multiple of KC. Every MC x NC block of C
     * then takes all KB / KC slices while it is in L2, instead of being re-read from memory once per slice.
     */
    static final int KB = KC * 8;

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
