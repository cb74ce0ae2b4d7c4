/**
 * Optimizers: how a gradient becomes a parameter update. Each is one pass of a SIMD kernel from
 * {@link dev.lanes.kernels.Optimizers} per parameter tensor; state (velocities, moments) is allocated on the
 * first step.
 */
package dev.lanes.nn.optim;
