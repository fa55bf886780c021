package io.cnnga.api;

import java.util.List;

/**
 * What one epoch of training achieved.
 *
 * <pre>{@code
 * EpochMetrics m = session.trainEpoch(1, splits.train(), splits.validation(), TrainingListener.NONE);
 * double fitness = m.validationAccuracy();
 * m.checkpoints();   // the mid-epoch measurements, when the config asked for checkpoints
 * }</pre>
 *
 * <p>When a training stops right after a checkpoint, the epoch ends there: its validation loss and
 * accuracy are that checkpoint's (measured on the checkpoint's sample of the validation split) and
 * {@code complete} is false.
 *
 * @param epoch              1-based epoch number
 * @param loss               mean training loss over the epoch's steps
 * @param accuracy           training accuracy over the epoch's steps
 * @param validationLoss     loss on the validation split after the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch
 * @param seconds            wall time of the epoch, validation included
 * @param imagesPerSecond    training throughput (validation and checkpoints excluded)
 * @param complete           false when the epoch was stopped early (time budget, pruning)
 * @param checkpoints        the {@link Checkpoint}s taken during this epoch, in order; never null
 *                           (a null list, as a journal written before checkpoints existed gives,
 *                           becomes an empty one)
 */
public record EpochMetrics(int epoch, double loss, double accuracy, double validationLoss,
                           double validationAccuracy, double seconds, double imagesPerSecond,
                           boolean complete, List<Checkpoint> checkpoints) {

    public EpochMetrics {
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    /** An epoch without checkpoints. */
    public EpochMetrics(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                        double seconds, double imagesPerSecond, boolean complete) {
        this(epoch, loss, accuracy, validationLoss, validationAccuracy, seconds, imagesPerSecond, complete, List.of());
    }
}
