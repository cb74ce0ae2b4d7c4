package dev.lanes.bench.gemm;

/** One implementation bound to one {@link GemmOperands}: each call computes {@code C = op(A) op(B)} into its C. */
@FunctionalInterface
interface GemmRunner {

    void multiply();
}
