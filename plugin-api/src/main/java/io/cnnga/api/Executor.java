package io.cnnga.api;

import java.util.List;

/**
 * Runs a generation's trials: one after another, in parallel, in child processes, on a cluster.
 *
 * <pre>{@code
 * try (Executor executor = registry.executor("local").create(options)) {
 *     List<TrialResult> results = executor.evaluate(trials, context);
 * }
 * }</pre>
 *
 * <p>Returns one result per trial, in the trials' order, whatever order they finished in. A
 * trial that crashes, hangs or throws comes back {@link TrialStatus#FAILED}; an executor throws
 * only when it cannot run anything at all.
 */
public interface Executor extends AutoCloseable {

    List<TrialResult> evaluate(List<Trial> trials, ExecutionContext context);

    @Override
    default void close() {
    }
}
