/**
 * The plain-loop reference of every kernel: same signatures as the façades in {@link dev.lanes.kernels}, no
 * blocking, no vectors, no threads. This is the specification a reader trusts and the oracle that every
 * property test compares the SIMD kernels against.
 */
package dev.lanes.kernels.scalar;
