package io.cnnga.api.support;

import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.Batch;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Checkpoint;
import java.util.List;

/**
 * The running totals of one epoch's training steps and the {@link EpochMetrics} they end in: what
 * every backend's {@link TrainingSession#trainEpoch} counts the same way.
 *
 * <pre>{@code
 * EpochTally tally = new EpochTally(epoch);           // starts the clock
 * for (Batch batch : train.batches(32, seed, true)) {
 *     // ... one step: loss and correct predictions of the batch
 *     tally.step(batch.size(), loss, correct);          // throws on a NaN or infinite loss
 * }
 * tally.trainingDone();                               // images/s stop here
 * // ... validation
 * EpochMetrics m = tally.metrics(validationLoss, validationAccuracy, complete);
 * }</pre>
 *
 * <p>Loss and accuracy are averages over images (a short last batch weighs less); images/s count
 * the training steps only (time given to {@link #notTraining} is left out); seconds run to
 * {@link #metrics}, validation included.
 */
public final class EpochTally {

    private final int epoch;
    private final long start = System.nanoTime();
    private int steps;
    private long images;
    private long correct;
    private double lossSum;
    private long notTrainingNanos;
    private double trainSeconds = Double.NaN;

    public EpochTally(int epoch) {
        this.epoch = epoch;
    }

    /**
     * Counts one step of {@code batchSize} images.
     *
     * @return the step's number, from 1
     * @throws TrainingFailedException "loss became NaN at epoch E, step S" (or infinite)
     */
    public int step(int batchSize, float loss, long correctInBatch) {
        steps++;
        if (!Float.isFinite(loss)) {
            throw lossNotFinite(loss, epoch, steps);
        }
        images += batchSize;
        correct += correctInBatch;
        lossSum += (double) loss * batchSize;
        return steps;
    }

    /** The failure a non-finite loss at that step is, for backends that check before counting. */
    public static TrainingFailedException lossNotFinite(float loss, int epoch, int step) {
        return new TrainingFailedException("loss became " + (Float.isNaN(loss) ? "NaN" : "infinite")
                + " at epoch " + epoch + ", step " + step);
    }

    /** Steps counted so far. */
    public int steps() {
        return steps;
    }

    /** Training images counted so far. */
    public long images() {
        return images;
    }

    /** Time spent between steps on something else (a checkpoint's measurement): not counted in images/s. */
    public void notTraining(long nanos) {
        notTrainingNanos += nanos;
    }

    /** Ends the training part: images/s are measured up to here. */
    public void trainingDone() {
        trainSeconds = (System.nanoTime() - start - notTrainingNanos) / 1e9;
    }

    /**
     * The epoch's metrics; calls {@link #trainingDone()} first if it was not called.
     *
     * @param validationLoss     NaN without validation
     * @param validationAccuracy 0 without validation
     */
    public EpochMetrics metrics(double validationLoss, double validationAccuracy, boolean complete) {
        return metrics(validationLoss, validationAccuracy, complete, List.of());
    }

    /** As {@link #metrics(double, double, boolean)}, with the checkpoints taken during the epoch. */
    public EpochMetrics metrics(double validationLoss, double validationAccuracy, boolean complete,
                                List<Checkpoint> checkpoints) {
        if (Double.isNaN(trainSeconds)) {
            trainingDone();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(epoch,
                images == 0 ? Double.NaN : lossSum / images,
                images == 0 ? 0 : (double) correct / images,
                validationLoss,
                validationAccuracy,
                seconds,
                trainSeconds > 0 ? images / trainSeconds : 0,
                complete,
                checkpoints);
    }
}
