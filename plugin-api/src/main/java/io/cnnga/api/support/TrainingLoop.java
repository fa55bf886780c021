package io.cnnga.api.support;

import io.cnnga.api.Batch;
import io.cnnga.api.Checkpoint;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Precision;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The training session of every built-in backend: the epoch loop written once, around a
 * backend's {@link TrainingSteps} (as DJL's {@code EasyTrain} is written once around a
 * {@code Trainer}).
 *
 * <pre>{@code
 * TrainingConfig config = new TrainingConfig(2, 32, 1e-3, 42L, null).withCheckpoints(List.of(0.25, 0.5));
 * try (TrainingSession session = new TrainingLoop<>(spec, config, config.seed(),
 *         BatchNormStatistics.RECOMPUTED, new MySteps(spec, config, config.seed()))) {   // TrainingSteps' example
 *     for (int epoch = 1; epoch <= config.epochs(); epoch++) {
 *         EpochMetrics m = session.trainEpoch(epoch, splits.train(), splits.validation(), listener);
 *     }
 *     session.export(Path.of("model"));
 * }
 * }</pre>
 *
 * <p>An epoch: {@link TrainingSteps#startEpoch}, then for each batch of the training set (batches
 * of the config's size, shuffled with the seed {@code seed × 1,000,003 + epoch}): the listener's
 * {@code stopRequested()}, one {@link TrainingSteps#train} step (counted by an {@link EpochTally},
 * which fails the training on a non-finite loss), the listener's {@code onStep}, and, when the
 * step is a checkpoint, the checkpoint (below). After the last step, or a stop requested before a
 * step: batch norm's statistics recomputed on {@link BatchNormStatistics#sample} of the training
 * set (with {@link BatchNormStatistics#RECOMPUTED}, after at least one step), the whole validation
 * split measured, the listener's {@code onEpoch}.
 *
 * <p>A checkpoint, after step {@code ceil(f × epochs × stepsPerEpoch)} of the whole training for
 * each fraction {@code f} of {@link TrainingConfig#checkpoints()} (fractions that fall on the same
 * step give one checkpoint): with {@code RECOMPUTED}, batch norm's statistics recomputed on
 * {@value #CHECKPOINT_TRAINING_IMAGES} evenly spread training images; then loss and accuracy
 * measured on a stratified sample of up to {@value #CHECKPOINT_VALIDATION_IMAGES} validation
 * images, drawn with the fixed seed {@value #CHECKPOINT_SAMPLE_SEED} (so the same images for every
 * trial and epoch of a validation split, whatever the training's seed); then the listener's
 * {@code onCheckpoint} and {@code stopRequested()}. A stop requested there ends the epoch at once:
 * no further statistics pass or validation, the epoch's validation loss and accuracy are the
 * checkpoint's and it is not complete. A checkpoint changes nothing of the training itself: the
 * training steps use batch statistics and draw no other random numbers, and the end of the epoch
 * recomputes the statistics on its own sample. Its time is left out of the epoch's images/s.
 *
 * <p>Evaluation and every statistics pass run in batches of {@link #evalBatch}. A failure of a
 * step becomes a {@link TrainingFailedException} naming what failed. Not thread-safe, as no
 * {@link TrainingSession} is.
 *
 * @param <S> the backend's steps, which {@link #steps()} gives back (for a backend's own tests)
 */
public final class TrainingLoop<S extends TrainingSteps> implements TrainingSession {

    /**
     * Smallest evaluation batch: inference keeps no gradients, so larger batches are cheap and
     * faster. 256 unless the JVM runs with {@code -Dcnnga.evalBatch=N}, a switch for measuring
     * other sizes (evaluation and the statistics passes only; training batches are the config's).
     */
    public static final int EVAL_BATCH = Math.max(1, Integer.getInteger("cnnga.evalBatch", 256));

    /**
     * Training images a checkpoint recomputes batch norm's statistics on: on ref-a after one full
     * Fashion-MNIST epoch, statistics from 512 evenly spread images gave the test accuracy of all
     * 60,000 to within 0.06 points, at a quarter of the end-of-epoch pass's cost.
     */
    public static final int CHECKPOINT_TRAINING_IMAGES = 512;

    /** Most validation images a checkpoint measures: a standard error of about 1.5 points at 75 % accuracy. */
    public static final int CHECKPOINT_VALIDATION_IMAGES = 1_024;

    /** The seed of every checkpoint's validation sample: fixed, so that trials are measured on the same images. */
    public static final long CHECKPOINT_SAMPLE_SEED = 20_210_417L;

    private final ModelSpec spec;
    private final TrainingConfig config;
    private final long seed;
    private final BatchNormStatistics statistics;
    private final S steps;
    private long firstStepNanos = -1;
    private ImageSet sampledValidation;
    private ImageSet validationSample;
    private boolean closed;

    /**
     * @param seed       the seed of the batch order (the backend's seed option or the config's)
     * @param statistics whether batch norm's statistics are recomputed after each epoch and at
     *                   each checkpoint
     * @param steps      the backend's steps for this network; closed with this session
     */
    public TrainingLoop(ModelSpec spec, TrainingConfig config, long seed, BatchNormStatistics statistics, S steps) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    /** The batch size of evaluation and of the statistics pass for a training batch size. */
    public static int evalBatch(int trainingBatch) {
        return Math.max(EVAL_BATCH, trainingBatch);
    }

    @Override
    public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener listener) {
        checkOpen();
        spec.requireFits(train);
        if (validation != null) {
            spec.requireFits(validation);
        }
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        EpochTally tally = new EpochTally(epoch);
        int stepsPerEpoch = train.batchCount(config.batchSize());
        long totalSteps = (long) config.epochs() * stepsPerEpoch;
        Set<Long> checkpointSteps = checkpointSteps(config.checkpoints(), totalSteps);
        long epochSeed = seed * 1_000_003L + epoch;
        List<Checkpoint> checkpoints = new ArrayList<>();
        Checkpoint stoppedAt = null;
        boolean complete = true;
        steps.startEpoch(epoch, epochSeed);
        for (Batch batch : train.batches(config.batchSize(), epochSeed, true)) {
            if (l.stopRequested()) {
                complete = false;
                break;
            }
            if (firstStepNanos < 0) {
                firstStepNanos = System.nanoTime();
            }
            TrainingSteps.Trained r = train(batch, epoch, tally.steps() + 1);
            int step = tally.step(batch.size(), r.loss(), r.correct());
            l.onStep(epoch, step, stepsPerEpoch, r.loss(), (double) r.correct() / batch.size());
            long trainingStep = (long) (epoch - 1) * stepsPerEpoch + step;
            if (checkpointSteps.contains(trainingStep)) {
                long start = System.nanoTime();
                Checkpoint c = checkpoint(epoch, trainingStep, totalSteps, train, validation);
                tally.notTraining(System.nanoTime() - start);
                checkpoints.add(c);
                l.onCheckpoint(c);
                if (l.stopRequested()) {
                    complete = false;
                    stoppedAt = c;
                    break;
                }
            }
        }
        tally.trainingDone();
        EpochMetrics metrics;
        if (stoppedAt != null) {
            metrics = tally.metrics(stoppedAt.validationLoss(), stoppedAt.validationAccuracy(), false, checkpoints);
        } else {
            if (statistics == BatchNormStatistics.RECOMPUTED && tally.images() > 0) {
                recomputeBatchNormStatistics(BatchNormStatistics.sample(train));
            }
            Measure val = validation == null || validation.size() == 0 ? null : measure(validation, false);
            metrics = tally.metrics(val == null ? Double.NaN : val.loss(), val == null ? 0 : val.accuracy(), complete,
                    checkpoints);
        }
        l.onEpoch(metrics);
        return metrics;
    }

    /**
     * The training steps, counted over the whole training from 1, after which a checkpoint is
     * taken: {@code ceil(f × totalSteps)} for each fraction, computed on the fraction as written
     * (0.3 of 10 steps is step 3, not the 4 that {@code Math.ceil(0.3 * 10)} would give).
     */
    static Set<Long> checkpointSteps(List<Double> fractions, long totalSteps) {
        Set<Long> out = new TreeSet<>();
        for (double f : fractions) {
            out.add(new BigDecimal(Double.toString(f)).multiply(BigDecimal.valueOf(totalSteps))
                    .setScale(0, RoundingMode.CEILING).longValueExact());
        }
        return out;
    }

    private Checkpoint checkpoint(int epoch, long trainingStep, long totalSteps, ImageSet train, ImageSet validation) {
        if (statistics == BatchNormStatistics.RECOMPUTED) {
            recomputeBatchNormStatistics(BatchNormStatistics.sample(train, CHECKPOINT_TRAINING_IMAGES));
        }
        ImageSet sample = validation == null ? null : checkpointSample(validation);
        Measure m = sample == null ? new Measure(Double.NaN, 0, null) : measure(sample, false);
        return new Checkpoint(epoch, Math.toIntExact(trainingStep), (double) trainingStep / totalSteps, m.loss(),
                m.accuracy(), sample == null ? 0 : sample.size(), (System.nanoTime() - firstStepNanos) / 1e9);
    }

    /** The checkpoints' sample of {@code validation}, drawn once per validation split. */
    private ImageSet checkpointSample(ImageSet validation) {
        if (validation != sampledValidation) {
            validationSample = SplitPolicy.sample(validation, CHECKPOINT_VALIDATION_IMAGES, CHECKPOINT_SAMPLE_SEED);
            sampledValidation = validation;
        }
        return validationSample;
    }

    private TrainingSteps.Trained train(Batch batch, int epoch, int step) {
        try {
            return steps.train(batch, epoch, step);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("training failed at epoch " + epoch + ", step " + step, e);
        }
    }

    /**
     * Replaces batch norm's moving statistics by those of {@code data} measured with the current
     * weights, as {@link TrainingSteps#recomputeBatchNormStatistics} describes; what an epoch's
     * end does with {@link BatchNormStatistics#sample} of the training set.
     */
    public void recomputeBatchNormStatistics(ImageSet data) {
        checkOpen();
        spec.requireFits(data);
        if (data.size() == 0) {
            return;
        }
        try {
            steps.recomputeBatchNormStatistics(data.batches(evalBatch(config.batchSize()), 0, false));
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("measuring the batch-norm statistics failed", e);
        }
    }

    @Override
    public Evaluation evaluate(ImageSet data) {
        checkOpen();
        spec.requireFits(data);
        Measure m = measure(data, true);
        return new Evaluation(m.loss(), m.accuracy(), m.predictions());
    }

    private record Measure(double loss, double accuracy, int[] predictions) {
    }

    private Measure measure(ImageSet data, boolean predictions) {
        int[] predicted = predictions ? new int[data.size()] : null;
        double lossSum = 0;
        long correct = 0;
        int n = 0;
        for (Batch batch : data.batches(evalBatch(config.batchSize()), 0, false)) {
            TrainingSteps.Evaluated e;
            try {
                e = steps.evaluate(batch, predictions);
            } catch (RuntimeException | OutOfMemoryError x) {
                throw TrainingFailedException.of("evaluation failed", x);
            }
            lossSum += e.lossSum();
            correct += e.correct();
            if (predictions) {
                if (e.predictions() == null || e.predictions().length != batch.size()) {
                    throw new IllegalStateException("the steps gave no prediction per image of a batch of "
                            + batch.size());
                }
                System.arraycopy(e.predictions(), 0, predicted, n, batch.size());
            }
            n += batch.size();
        }
        if (n == 0) {
            return new Measure(Double.NaN, 0, new int[0]);
        }
        return new Measure(lossSum / n, (double) correct / n, predicted);
    }

    /** Forward passes timed for {@link #inferenceLatency()}, after as many untimed ones to warm up. */
    public static final int LATENCY_REPEATS = 25;

    /**
     * The median time of {@value #LATENCY_REPEATS} evaluation steps on one image (after as many
     * untimed ones), on the steps' device: inference at batch 1, the batch of an application
     * classifying one picture. The image is fixed noise; the time does not depend on it.
     */
    @Override
    public java.util.Optional<io.cnnga.api.InferenceLatency> inferenceLatency() {
        checkOpen();
        int values = spec.input().dim(0) * spec.input().dim(1) * spec.input().dim(2);
        float[] pixels = new float[values];
        java.util.SplittableRandom random = new java.util.SplittableRandom(CHECKPOINT_SAMPLE_SEED);
        for (int i = 0; i < values; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        Batch one = new Batch(pixels, new int[] {0});
        long[] nanos = new long[LATENCY_REPEATS];
        try {
            for (int i = 0; i < 2 * LATENCY_REPEATS; i++) {
                long start = System.nanoTime();
                steps.evaluate(one, false);
                if (i >= LATENCY_REPEATS) {
                    nanos[i - LATENCY_REPEATS] = System.nanoTime() - start;
                }
            }
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("measuring the inference latency failed", e);
        }
        java.util.Arrays.sort(nanos);
        return java.util.Optional.of(new io.cnnga.api.InferenceLatency(nanos[LATENCY_REPEATS / 2] / 1e6, steps.deviceName()));
    }

    @Override
    public Precision precision() {
        return steps.precision();
    }

    @Override
    public void export(Path directory) {
        checkOpen();
        steps.export(directory);
    }

    @Override
    public List<LayerParameter> parameters() {
        return parameters(null);
    }

    /** The variables of {@code layers} (all when null); only those are copied from the framework. */
    @Override
    public List<LayerParameter> parameters(Set<String> layers) {
        checkOpen();
        try {
            return steps.parameters(layers);
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("reading the parameters failed", e);
        }
    }

    /** The backend's steps, for the backend's own use (its tests reach the framework through them). */
    public S steps() {
        checkOpen();
        return steps;
    }

    public ModelSpec spec() {
        return spec;
    }

    public TrainingConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            steps.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this training session is closed");
        }
    }

    @Override
    public String toString() {
        return steps + (closed ? " (closed)" : "");
    }
}
