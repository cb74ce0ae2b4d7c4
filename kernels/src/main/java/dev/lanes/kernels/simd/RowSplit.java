package dev.lanes.kernels.simd;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.internal.WorkerPool;
import java.util.Arrays;

/**
 * Splits a recurrent-cell kernel's rows (examples) over the worker pool, in contiguous blocks, when one step is
 * large enough to gain from it. Rows are independent, so the results are the same bits on any number of
 * threads. One instance per calling thread, reused, so a call allocates nothing.
 */
final class RowSplit implements WorkerPool.Job {

    /** The kernels, each with its measured single-thread cost per cell (ns, AVX-512, docs/recurrent.md). */
    enum Kernel {
        RNN_FORWARD(0.26), RNN_BACKWARD(0.1), LSTM_FORWARD(1.9), LSTM_BACKWARD(1.0), GRU_FORWARD(1.6),
        GRU_BACKWARD(0.6);

        final double nanosPerCell;

        Kernel(double nanosPerCell) {
            this.nanosPerCell = nanosPerCell;
        }
    }

    /**
     * Steps estimated below this single-thread time (ns) run on the caller alone: handing half to a worker
     * costs a few microseconds when it is parked, and the cheap kernels are bound by cache bandwidth (at 8 µs the
     * GRU backward, 10 µs at batch 128 x 128, did not get faster). The costs are the 512-bit ones; with narrower
     * vectors a step takes longer than estimated, so there the split starts late rather than early.
     */
    static final double MIN_PARALLEL_NANOS = 16_000;

    private static final int MAX_MATRICES = 7;
    private static final ThreadLocal<RowSplit> PER_THREAD = ThreadLocal.withInitial(RowSplit::new);

    private Kernel kernel;
    private Activation f;
    private int batch;
    private int hidden;
    private int count;
    private final float[][] arrays = new float[MAX_MATRICES][];
    private final int[] offsets = new int[MAX_MATRICES];
    private final int[] lds = new int[MAX_MATRICES];

    private RowSplit() {
    }

    /** How many parts to run {@code kernel} over batch x hidden in: 1 unless threads and size warrant more. */
    static int parts(int batch, int hidden, Kernel kernel) {
        int threads = WorkerPool.get().threads();
        if (threads == 1 || batch < 2 || (double) batch * hidden * kernel.nanosPerCell < MIN_PARALLEL_NANOS) {
            return 1;
        }
        return Math.min(threads, batch);
    }

    /** This thread's split, set up for one call; add the kernel's matrices in its argument order. */
    static RowSplit of(Kernel kernel, Activation f, int batch, int hidden) {
        RowSplit s = PER_THREAD.get();
        s.kernel = kernel;
        s.f = f;
        s.batch = batch;
        s.hidden = hidden;
        s.count = 0;
        return s;
    }

    RowSplit matrix(float[] array, int offset, int ld) {
        arrays[count] = array;
        offsets[count] = offset;
        lds[count] = ld;
        count++;
        return this;
    }

    /** Runs the kernel in {@code parts} row blocks and drops the references to the caller's arrays. */
    void run(int parts) {
        try {
            WorkerPool.get().run(this, parts);
        } finally {
            Arrays.fill(arrays, null);
            f = null;
        }
    }

    @Override
    public void runPart(int part, int parts) {
        int from = (int) ((long) batch * part / parts);
        int to = (int) ((long) batch * (part + 1) / parts);
        float[][] a = arrays;
        int[] o = offsets;
        int[] l = lds;
        switch (kernel) {
            case RNN_FORWARD -> SimdRecurrent.rnnForwardRows(f, from, to, hidden, a[0], o[0], l[0], a[1], o[1], l[1]);
            case RNN_BACKWARD -> SimdRecurrent.rnnBackwardRows(f, from, to, hidden, a[0], o[0], l[0], a[1], o[1], l[1],
                    a[2], o[2], l[2]);
            case LSTM_FORWARD -> SimdRecurrent.lstmForwardRows(from, to, hidden, a[0], o[0], l[0], a[1], o[1], l[1],
                    a[2], o[2], l[2], a[3], o[3], l[3], a[4], o[4], l[4]);
            case LSTM_BACKWARD -> SimdRecurrent.lstmBackwardRows(from, to, hidden, a[0], o[0], l[0], a[1], o[1], l[1],
                    a[2], o[2], l[2], a[3], o[3], l[3], a[4], o[4], l[4], a[5], o[5], l[5], a[6], o[6], l[6]);
            case GRU_FORWARD -> SimdRecurrent.gruForwardRows(from, to, hidden, a[0], o[0], l[0], a[1], o[1], l[1],
                    a[2], o[2], l[2], a[3], o[3], l[3], a[4], o[4], l[4]);
            case GRU_BACKWARD -> SimdRecurrent.gruBackwardRows(from, to, hidden, a[0], o[0], l[0], a[1], o[1], l[1],
                    a[2], o[2], l[2], a[3], o[3], l[3], a[4], o[4], l[4], a[5], o[5], l[5]);
        }
    }
}
