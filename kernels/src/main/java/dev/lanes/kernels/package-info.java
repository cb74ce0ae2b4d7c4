/**
 * Public kernel façades: BLAS-like static methods over {@code float[]} arrays with offsets and strides.
 *
 * <p>Matrices are row-major: element (i, j) of a matrix stored at {@code offset} with leading dimension
 * {@code ld} is {@code array[offset + i * ld + j]}. Arguments are checked here and violations throw
 * {@link java.lang.IllegalArgumentException} naming the argument with the needed and the actual value; the
 * kernels below trust their inputs. Each method dispatches once, at class initialisation, to the Vector API
 * implementation or, without {@code jdk.incubator.vector}, to the reference in {@link dev.lanes.kernels.scalar}.
 */
package dev.lanes.kernels;
