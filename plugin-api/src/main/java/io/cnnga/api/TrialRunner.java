package io.cnnga.api;

/**
 * Trains one trial in this JVM with the plan's backend and data; the engine provides it to
 * executors, which decide where and when it runs.
 *
 * <pre>{@code
 * TrialResult result = runner.run(trial, TrainingListener.NONE);
 * }</pre>
 *
 * <p>It never throws for a failing training: failures come back as {@link TrialStatus#FAILED}
 * results with their reason. Implementations are safe to call from several threads at once.
 */
@FunctionalInterface
public interface TrialRunner {

    TrialResult run(Trial trial, TrainingListener listener);
}
