package io.cnnga.api;

/**
 * Watches a training step by step and may stop it (a time budget, a pruner, a user's interrupt).
 *
 * <pre>{@code
 * TrainingListener budget = new TrainingListener() {
 *     public boolean stopRequested() { return System.nanoTime() > deadline; }
 * };
 * }</pre>
 *
 * <p>Backends call {@link #onStep} after every step; at each of the config's checkpoints, after
 * that step's {@code onStep}, {@link #onCheckpoint}; and {@link #onEpoch} after each epoch's
 * validation. They check {@link #stopRequested()} before each step and right after each
 * {@code onCheckpoint}. A stop requested before a step still measures validation, and the epoch
 * returns with {@code complete = false}; a stop requested right after a checkpoint ends the epoch
 * there, with the checkpoint's validation loss and accuracy and {@code complete = false}.
 */
public interface TrainingListener {

    /** A listener that watches nothing and never stops. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * After a training step.
     *
     * @param epoch    1-based epoch
     * @param step     1-based step within the epoch
     * @param steps    steps in the epoch
     * @param loss     this step's loss
     * @param accuracy this step's accuracy
     */
    default void onStep(int epoch, int step, int steps, double loss, double accuracy) {
    }

    /** After a checkpoint's measurement, before {@link #stopRequested()} is asked. */
    default void onCheckpoint(Checkpoint checkpoint) {
    }

    /** After an epoch, validation included. */
    default void onEpoch(EpochMetrics metrics) {
    }

    default boolean stopRequested() {
        return false;
    }
}
