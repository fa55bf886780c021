package io.cnnga.engine.executor;

import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs trials in this JVM through the context's runner: one after another with one worker, on a
 * fixed thread pool with more.
 *
 * <pre>{@code
 * try (Executor local = new LocalExecutor(1)) {
 *     List<TrialResult> results = local.evaluate(trials, context);
 * }
 * }</pre>
 *
 * <p>The listener is called under a lock, so it sees one event at a time even with several
 * workers; results come back in the trials' order.
 */
final class LocalExecutor implements Executor {

    private final int workers;

    LocalExecutor(int workers) {
        this.workers = workers;
    }

    @Override
    public List<TrialResult> evaluate(List<Trial> trials, ExecutionContext context) {
        TrialListener listener = context.listener();
        Object lock = new Object();
        if (workers == 1 || trials.size() <= 1) {
            List<TrialResult> results = new ArrayList<>(trials.size());
            for (Trial trial : trials) {
                results.add(runOne(trial, context, listener, lock));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, trials.size()));
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial trial : trials) {
                futures.add(pool.submit(() -> runOne(trial, context, listener, lock)));
            }
            List<TrialResult> results = new ArrayList<>(trials.size());
            for (Future<TrialResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trials were running", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial runner threw: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static TrialResult runOne(Trial trial, ExecutionContext context, TrialListener listener, Object lock) {
        synchronized (lock) {
            listener.started(trial);
        }
        TrialResult result = context.runner().run(trial, listener.training(trial));
        synchronized (lock) {
            listener.finished(result);
        }
        return result;
    }
}
