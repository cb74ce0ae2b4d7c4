package dev.lanes.cli;

import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.train.BatchEvent;
import dev.lanes.nn.train.Trainer;
import dev.lanes.nn.train.TrainingListener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Training steps of a stand-in network on random examples, on a second thread while {@code lanes train} loads its
 * data set, so that the JIT has compiled much of the kernels by the time the real training starts.
 *
 * <p>The stand-in has the real network's layers and shapes (built by the same code from a random data set of the
 * real image size and class count), and is trained with the same recipe, so the JIT sees the calls the real
 * training makes. It shares nothing with the real run: its own network, optimizer, trainer and data; the kernels
 * keep no state between calls. The real run's results are the same with or without it. It stops, and its thread
 * ends, before the real training starts. Anything that goes wrong in it (an image size it cannot read, a layer
 * list that does not fit, a diverging loss) only ends it early: the real run reports its own errors.
 *
 * <p>On 2 cores with recipe 1 of bench/compare-pytorch.sh it takes 0.17 s (1 thread) to 0.24 s (2 threads) off
 * the whole command, and more off the first epoch (docs/benchmarks.md, "Warm-up"). Off with
 * {@code -Dlanes.warmup=false}.
 */
final class WarmUp {

    /** Examples of the stand-in data set, in batches: enough that an epoch's evaluation is short. */
    private static final int BATCHES = 8;

    /**
     * Largest stand-in batch: the data set can be loaded before a step of the stand-in ends, and a smaller batch
     * ends sooner (before compiled code, a batch of 128 takes 0.5 s) while it takes the same code paths.
     */
    private static final int MAX_BATCH = 32;

    /** The stand-in examples take at most this fraction (1 / HEAP_SHARE) of the largest heap. */
    private static final int HEAP_SHARE = 32;

    /** Largest image side the stand-in is built for (a bigger header is more likely damaged than real). */
    private static final int MAX_SIDE = 4096;

    private final Thread thread;
    private volatile boolean stopped;

    private WarmUp(Thread thread) {
        this.thread = thread;
    }

    /** Builds the stand-in network for a data set, as the real run builds its network for the real one. */
    @FunctionalInterface
    interface StandIn {
        /**
         * The network for {@code examples}.
         *
         * @param examples the stand-in data set, of the real image size and classes
         * @return a new network
         * @throws Exception if the layers do not fit (the warm-up then does not start)
         */
        Network build(Dataset examples) throws Exception;
    }

    /** Thrown from the stop listener to leave {@link Trainer#fit} between two steps. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /**
     * Starts the warm-up, unless {@code -Dlanes.warmup=false}; never throws.
     *
     * @param data     the {@code --data} value: the image size comes from the training images' IDX header
     * @param batch    examples per step of the real run (the stand-in takes at most {@link #MAX_BATCH})
     * @param network  builds the stand-in network for a data set, as the real run builds its network
     * @param trainer  a new trainer builder with the real run's recipe and its own optimizer
     * @return the running warm-up, or one that does nothing
     */
    static WarmUp start(String data, int batch, StandIn network, Supplier<Trainer.Builder> trainer) {
        if (!Boolean.parseBoolean(System.getProperty("lanes.warmup", "true"))) {
            return new WarmUp(null);
        }
        int[] side = imageSize(data);
        if (side == null) {
            return new WarmUp(null);
        }
        batch = Math.min(batch, MAX_BATCH);
        long floats = (long) batch * BATCHES * side[0] * side[1];
        if (floats * Float.BYTES > Runtime.getRuntime().maxMemory() / HEAP_SHARE) {
            return new WarmUp(null); // the heap is the data set's
        }
        try {
            Dataset examples = randomExamples(side[0], side[1], batch * BATCHES);
            return launch(examples, network.build(examples), trainer.get().batchSize(batch));
        } catch (Exception | OutOfMemoryError e) { // the real run will say what is wrong, if anything
            return new WarmUp(null);
        }
    }

    private static WarmUp launch(Dataset examples, Network standIn, Trainer.Builder trainer) {
        WarmUp[] self = new WarmUp[1];
        Trainer steps = trainer.listener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent event) {
                if (self[0].stopped) {
                    throw new Stop();
                }
            }
        }).build();
        Thread thread = new Thread(() -> {
            try {
                while (!self[0].stopped) {
                    steps.fit(standIn, examples, examples);
                }
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                // stopped (Stop), or the stand-in diverged or ran out of room: the warm-up is over either way
            }
        }, "lanes-warm-up");
        thread.setDaemon(true);
        self[0] = new WarmUp(thread);
        thread.start();
        return self[0];
    }

    /** Stops the warm-up and waits until its thread has ended (at most one step). */
    void stop() throws InterruptedException {
        stopped = true;
        if (thread != null) {
            thread.join();
        }
    }

    /**
     * The training images' rows and columns, from the IDX header of {@code train-images-idx3-ubyte} (raw or gzip)
     * in the {@code --data} directory, or 28 x 28 for the bundled digits; null if that cannot be read.
     */
    static int[] imageSize(String data) {
        if (data.equals(DataSets.DIGITS)) {
            return new int[] {28, 28};
        }
        String images = DataSets.STANDARD_FILES.get(0);
        Path dir = Path.of(data);
        Path raw = dir.resolve(images);
        Path gz = dir.resolve(images + ".gz");
        Path file = Files.isRegularFile(raw) ? raw : Files.isRegularFile(gz) ? gz : null;
        if (file == null) {
            return null;
        }
        try (InputStream in = open(file)) {
            byte[] h = in.readNBytes(16);
            if (h.length < 16 || h[0] != 0 || h[1] != 0 || h[2] != 0x08 || h[3] != 3) {
                return null;
            }
            int rows = bigEndian(h, 8);
            int cols = bigEndian(h, 12);
            return rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE ? null : new int[] {rows, cols};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in) : in;
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** {@code count} examples of random pixels in [0, 1) and random labels of the loaded sets' 10 classes. */
    private static Dataset randomExamples(int rows, int cols, int count) {
        SplittableRandom random = new SplittableRandom(rows * 31L + cols);
        float[] x = new float[Math.multiplyExact(count, rows * cols)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        int[] y = new int[count];
        int classes = DataSets.DIGIT_CLASS_NAMES.size();
        for (int i = 0; i < count; i++) {
            y[i] = random.nextInt(classes);
        }
        return Dataset.of("warm-up", rows, cols, x, y, DataSets.DIGIT_CLASS_NAMES);
    }
}
