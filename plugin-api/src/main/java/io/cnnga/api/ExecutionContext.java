package io.cnnga.api;

/**
 * What an executor needs to run a generation's trials: a runner that trains in this JVM, the
 * engine's help for training them elsewhere (child processes, cluster tasks), and whom to tell
 * about progress.
 *
 * <pre>{@code
 * List<TrialResult> results = executor.evaluate(trials, context);
 * // inside an executor:
 * TrialResult here = context.runner().run(trial, context.listener().training(trial));
 * String request = context.remote().request(trial);   // for a worker in another JVM
 * }</pre>
 *
 * @param runner   trains a trial in this JVM
 * @param listener told of every start and finish
 * @param remote   requests, workers and the class path for trials trained outside this JVM
 */
public record ExecutionContext(TrialRunner runner, TrialListener listener, RemoteTrials remote) {

    public ExecutionContext {
        if (runner == null || remote == null) {
            throw new IllegalArgumentException("an execution context needs a runner and the engine's remote trials");
        }
        listener = listener == null ? TrialListener.NONE : listener;
    }
}
