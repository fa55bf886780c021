package io.cnnga.api;

/**
 * Watches a training step by step and may stop it (a time budget, a user's interrupt).
 *
 * <pre>{@code
 * TrainingListener budget = new TrainingListener() {
 *     public boolean stopRequested() { return System.nanoTime() > deadline; }
 * };
 * }</pre>
 *
 * <p>Backends call {@link #onStep} after every step and {@link #onEpoch} after each epoch's
 * validation, and check {@link #stopRequested()} before each step; a stopped epoch still measures
 * validation and returns with {@code complete = false}.
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

    /** After an epoch, validation included. */
    default void onEpoch(EpochMetrics metrics) {
    }

    default boolean stopRequested() {
        return false;
    }
}
