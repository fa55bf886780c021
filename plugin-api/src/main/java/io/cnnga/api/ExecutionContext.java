package io.cnnga.api;

/**
 * What an executor needs to run trials: an in-process runner, the plan for runners elsewhere
 * (child processes, cluster tasks), and whom to tell about progress.
 *
 * <pre>{@code
 * List<TrialResult> results = executor.evaluate(trials, context);
 * }</pre>
 *
 * @param planJson the resolved plan as JSON, from which a remote worker builds its own dataset
 *                 and backend
 * @param runner   trains a trial in this JVM
 * @param listener told of every start and finish
 */
public record ExecutionContext(String planJson, TrialRunner runner, TrialListener listener) {

    public ExecutionContext {
        if (planJson == null || runner == null) {
            throw new IllegalArgumentException("an execution context needs the plan and a runner");
        }
        listener = listener == null ? TrialListener.NONE : listener;
    }
}
