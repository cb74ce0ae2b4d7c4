package dev.lanes.nn.train;

import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.Vectors;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.optim.LearningRateSchedule;
import dev.lanes.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a classifier or a regression (on a data set with real targets, where "accuracy" is
 * the fraction of examples within the set's tolerance, see {@link Evaluation}): each epoch shuffles the training set with a seeded generator, then for
 * each batch runs forward, the loss (BP1), backward (BP2–BP4) and one optimizer step. Same seed, same data and
 * one thread give bit-identical runs (the kernels' multi-threading does not change any result either: every
 * output element is computed by one thread in a fixed order).
 *
 * <p>A NaN or infinite loss stops training with a {@link TrainingDivergedException} naming the epoch and batch.
 * The last step of each epoch, which no later loss would show, is checked too: its parameters must be finite
 * and the loss of its batch recomputed with them must be finite. So {@code fit} never returns a network with
 * a non-finite parameter, or one whose last batch already gives a non-finite loss.
 * With a validation split and {@code patience > 0}, training stops when the validation loss has not improved
 * for {@code patience} epochs and the network gets back the weights of its best epoch.
 */
public final class Trainer {

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final double validationFraction;
    private final int patience;
    private final float clipNorm;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.validationFraction = b.validationFraction;
        this.patience = b.patience;
        this.clipNorm = b.clipNorm;
        this.listeners = List.copyOf(b.listeners);
    }

    /** {@return a builder: momentum 0.9 at its default rate, 10 epochs of batches of 128, unless set otherwise} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code network} on {@code train}, evaluating on the validation split (if any) after each epoch.
     *
     * @param network the network to train, updated in place
     * @param train the training examples
     * @return the epochs' figures and how training ended
     */
    public TrainingHistory fit(Network network, Dataset train) {
        return fit(network, train, null);
    }

    /**
     * Trains {@code network} on {@code train}, evaluating on the validation split (if any) and on {@code test}
     * (may be null) after each epoch.
     *
     * @param network the network to train, updated in place
     * @param train the training examples
     * @param test the test examples, evaluated after every epoch (not used for training)
     * @return the epochs' figures and how training ended
     */
    public TrainingHistory fit(Network network, Dataset train, Dataset test) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        BatchPass.checkFits(network, train);
        Dataset fitSet = train;
        Dataset validation = null;
        if (validationFraction > 0) {
            Dataset.Split parts = train.split(validationFraction, seed);
            fitSet = parts.training();
            validation = parts.validation();
        }
        if (fitSet.size() == 0) {
            throw new IllegalArgumentException(train.name() + " has no training examples");
        }
        int batch = Math.min(batchSize, fitSet.size());
        int batches = (fitSet.size() + batch - 1) / batch;
        BatchPass pass = new BatchPass(network, batch, fitSet);
        int[] order = new int[fitSet.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Parameter> parameters = network.trainableParameters();
        float[][] gradients = new float[parameters.size()][];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = parameters.get(i).gradient();
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<EpochStats> history = new ArrayList<>();
        double bestValidationLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[][] bestWeights = null;
        boolean stoppedEarly = false;

        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, random);
            float rate = schedule.rate(epoch - 1, epochs);
            for (TrainingListener l : listeners) {
                l.onEpochStart(epoch, batches);
            }
            long start = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int count = Math.min(batch, fitSet.size() - from);
                float loss = pass.run(fitSet, order, from, count, Mode.TRAINING);
                if (!Float.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batches, loss, rate);
                }
                lossSum += (double) loss * count;
                correct += pass.right;
                pass.workspace.backward(true);
                if (clipNorm > 0) {
                    Optimizers.clipByGlobalNorm(clipNorm, gradients);
                }
                optimizer.step(parameters, rate);
                if (!listeners.isEmpty()) {
                    BatchEvent event = new BatchEvent(epoch, b + 1, batches, count, loss, rate, pass.workspace);
                    for (TrainingListener l : listeners) {
                        l.onBatchEnd(event);
                    }
                }
            }
            checkLastStep(pass, fitSet.size() - (batches - 1) * batch, parameters, epoch, batches, rate);
            double seconds = (System.nanoTime() - start) / 1e9;
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validation != null && validation.size() > 0) {
                Evaluation v = Evaluation.of(network, validation);
                validationLoss = v.loss();
                validationAccuracy = v.accuracy();
            }
            double testAccuracy = test == null ? Double.NaN : Evaluation.of(network, test).accuracy();
            EpochStats stats = new EpochStats(epoch, lossSum / fitSet.size(), (double) correct / fitSet.size(),
                    validationLoss, validationAccuracy, testAccuracy, seconds, rate);
            history.add(stats);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(stats);
            }
            if (patience > 0 && validation != null) {
                if (validationLoss < bestValidationLoss) {
                    bestValidationLoss = validationLoss;
                    bestEpoch = epoch;
                    bestWeights = snapshot(network.parameters(), bestWeights);
                } else if (epoch - bestEpoch >= patience) {
                    restore(network.parameters(), bestWeights);
                    stoppedEarly = true;
                    break;
                }
            }
        }
        return new TrainingHistory(history, stoppedEarly, bestEpoch == 0 ? history.size() : bestEpoch);
    }

    /**
     * The loss before each step shows whether the step before it diverged, so the last step of an epoch needs
     * its own check: its parameters (one pass; a sum of squares is finite exactly when every value is, and a
     * NaN weight does not always reach the loss) and the loss of its batch, still in the pass's buffers,
     * recomputed with them in inference mode (huge but finite weights can overflow the forward pass; inference
     * moves no running statistics). Costs one forward pass of one batch per epoch.
     */
    private static void checkLastStep(BatchPass pass, int count, List<Parameter> parameters, int epoch,
                                      int batches, float rate) {
        for (Parameter p : parameters) {
            if (!Double.isFinite(Vectors.sumOfSquares(p.size(), p.values(), 0))) {
                throw TrainingDivergedException.parameter(epoch, batches, batches, p, rate);
            }
        }
        float loss = pass.rerun(count);
        if (!Float.isFinite(loss)) {
            throw TrainingDivergedException.lossAfterStep(epoch, batches, batches, loss, rate);
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static float[][] snapshot(List<Parameter> parameters, float[][] into) {
        float[][] copy = into != null ? into : new float[parameters.size()][];
        for (int i = 0; i < copy.length; i++) {
            float[] v = parameters.get(i).values();
            if (copy[i] == null) {
                copy[i] = v.clone();
            } else {
                System.arraycopy(v, 0, copy[i], 0, v.length);
            }
        }
        return copy;
    }

    private static void restore(List<Parameter> parameters, float[][] weights) {
        for (int i = 0; i < weights.length; i++) {
            System.arraycopy(weights[i], 0, parameters.get(i).values(), 0, weights[i].length);
        }
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private Optimizer optimizer;
        private LearningRateSchedule schedule;
        private int epochs = 10;
        private int batchSize = 128;
        private long seed = 1;
        private double validationFraction;
        private int patience;
        private float clipNorm;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * The optimizer (default: momentum 0.9, as {@code lanes train}).
         *
         * @param optimizer the update rule
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * A constant learning rate (default: the optimizer's {@link Optimizer#defaultLearningRate()}).
         *
         * @param rate the learning rate, finite and {@code > 0}
         * @return this builder
         */
        public Builder learningRate(float rate) {
            return schedule(LearningRateSchedule.constant(rate));
        }

        /**
         * A constant learning rate, as {@link #learningRate(float)}.
         *
         * @param rate the learning rate, finite and {@code > 0}
         * @return this builder
         */
        public Builder learningRate(double rate) {
            return learningRate((float) rate);
        }

        /**
         * The learning rate per epoch (or a constant {@link #learningRate}).
         *
         * @param schedule the learning rate of each epoch
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Passes over the training set (default 10).
         *
         * @param epochs passes over the training set, {@code >= 1}
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Examples per step (default 128).
         *
         * @param batchSize examples per step, {@code >= 1}
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Seed of the shuffles and of the validation split (default 1).
         *
         * @param seed the seed of the shuffles and of the validation split
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Fraction of the training set held out for validation, in [0, 1) (default 0).
         *
         * @param fraction share of the training set held out, in [0, 1)
         * @return this builder
         */
        public Builder validationSplit(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        /**
         * Stop after {@code epochs} epochs without a better validation loss (0 = never; needs a split).
         *
         * @param patience epochs without a better validation loss before stopping, {@code >= 0} (0: off)
         * @return this builder
         */
        public Builder earlyStopping(int patience) {
            if (patience < 0) {
                throw new IllegalArgumentException("patience must be >= 0, was " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * Scale the gradients down when their global L2 norm exceeds {@code maxNorm} (0 = off).
         *
         * @param maxNorm the largest global gradient norm, {@code >= 0} (0: off)
         * @return this builder
         */
        public Builder clipNorm(float maxNorm) {
            if (!(maxNorm >= 0) || Float.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("clip norm must be finite and >= 0, was " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener called at the start and end of every epoch and after every batch
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** {@return the trainer} */
        public Trainer build() {
            if (optimizer == null) {
                optimizer = Optimizer.momentum();
            }
            if (schedule == null) {
                schedule = LearningRateSchedule.constant(optimizer.defaultLearningRate());
            }
            if (patience > 0 && validationFraction == 0) {
                throw new IllegalStateException("early stopping watches the validation loss: patience " + patience
                        + " needs a validation split > 0");
            }
            return new Trainer(this);
        }
    }
}
