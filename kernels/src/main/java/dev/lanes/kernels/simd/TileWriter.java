package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.NR;
import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Writes a finished micro-kernel tile into C: {@code C = alpha * tile + beta * C} over the valid
 * {@code rows x cols} part (all of it inside C, less at C's edges, where masks keep the writes inside).
 * With {@code beta == 0} C is not read, so whatever it held (NaN included) is overwritten.
 */
final class TileWriter {

    private TileWriter() {
    }

    static void write(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cIndex, int ldc) {
        FloatVector va = FloatVector.broadcast(F, alpha);
        FloatVector vb = FloatVector.broadcast(F, beta);
        for (int r = 0; r < rows; r++) {
            int ci = cIndex + r * ldc;
            int ti = r * NR;
            if (cols == NR) {
                for (int j = 0; j < NR; j += L) {
                    FloatVector v = FloatVector.fromArray(F, tile, ti + j).mul(va);
                    if (beta != 0f) {
                        v = FloatVector.fromArray(F, c, ci + j).fma(vb, v);
                    }
                    v.intoArray(c, ci + j);
                }
            } else {
                for (int j = 0; j < cols; j += L) {
                    VectorMask<Float> m = F.indexInRange(j, cols);
                    FloatVector v = FloatVector.fromArray(F, tile, ti + j).mul(va);
                    if (beta != 0f) {
                        v = FloatVector.fromArray(F, c, ci + j, m).fma(vb, v);
                    }
                    v.intoArray(c, ci + j, m);
                }
            }
        }
    }
}
