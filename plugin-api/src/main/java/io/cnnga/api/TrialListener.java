package io.cnnga.api;

/**
 * Hears about trials as an executor starts and finishes them, so the engine can journal each
 * result before the next trial starts and show progress.
 *
 * <pre>{@code
 * TrialListener journalling = new TrialListener() {
 *     public void finished(TrialResult result) { journal.append(result); }
 * };
 * }</pre>
 *
 * <p>Executors call it from one thread at a time.
 */
public interface TrialListener {

    TrialListener NONE = new TrialListener() {
    };

    default void started(Trial trial) {
    }

    /** Step-level progress of a trial's training, for progress bars and time budgets. */
    default TrainingListener training(Trial trial) {
        return TrainingListener.NONE;
    }

    default void finished(TrialResult result) {
    }
}
