/**
 * The network API: a {@link dev.lanes.nn.Network} of {@link dev.lanes.nn.Layer}s (fully connected
 * {@link dev.lanes.nn.Dense} layers with any activation of {@link dev.lanes.kernels.Activation}), trained on a
 * {@link dev.lanes.nn.Loss}. Batch-major: rows are examples, so the batch is every GEMM's M dimension.
 */
package dev.lanes.nn;
