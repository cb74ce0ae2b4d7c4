/** Runtime plumbing shared by the kernel façades: SIMD detection and the GEMM worker pool. Not exported. */
package dev.lanes.kernels.internal;
