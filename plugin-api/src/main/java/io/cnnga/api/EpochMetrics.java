package io.cnnga.api;

/**
 * What one epoch of training achieved.
 *
 * <pre>{@code
 * EpochMetrics m = session.trainEpoch(1, splits.train(), splits.validation(), TrainingListener.NONE);
 * double fitness = m.validationAccuracy();
 * }</pre>
 *
 * @param epoch              1-based epoch number
 * @param loss               mean training loss over the epoch's steps
 * @param accuracy           training accuracy over the epoch's steps
 * @param validationLoss     loss on the validation split after the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch
 * @param seconds            wall time of the epoch, validation included
 * @param imagesPerSecond    training throughput (validation excluded)
 * @param complete           false when the epoch was stopped early (time budget)
 */
public record EpochMetrics(int epoch, double loss, double accuracy, double validationLoss,
                           double validationAccuracy, double seconds, double imagesPerSecond,
                           boolean complete) {
}
