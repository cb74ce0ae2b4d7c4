/**
 * lanes kernels: SGEMM (blocked, packed, register-tiled, multi-threaded), GEMM with a fused epilogue, and the
 * elementwise backprop, softmax, loss, optimizer and recurrent-cell kernels of a neural network, each with a
 * plain scalar reference beside it.
 *
 * <p>The SIMD implementations use the incubating Vector API. The dependency is {@code static}: when the JVM
 * was started without {@code --add-modules jdk.incubator.vector}, every kernel still works on its scalar path
 * and one log line says how to enable SIMD.
 */
module dev.lanes.kernels {
    requires static jdk.incubator.vector;

    exports dev.lanes.kernels;
    exports dev.lanes.kernels.scalar;
}
