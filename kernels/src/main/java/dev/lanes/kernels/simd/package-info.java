/**
 * Vector API implementations of the kernels. Loaded only when {@code jdk.incubator.vector} is present;
 * callers go through the public façades in {@link dev.lanes.kernels}. Not exported.
 */
package dev.lanes.kernels.simd;
