package io.cnnga.testkit;

import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.Options;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An executor for the kit's own tests that runs a generation's trials on {@code workers}
 * threads, correct or with one deliberate bug ({@link Mutation}), so that the mutation tests can
 * show that {@link ExecutorContract} catches each bug.
 */
final class SubjectExecutorFactory implements ExecutorFactory {

    /** The bug this executor has. */
    enum Mutation {
        /** None: the executor keeps the contract. */
        NONE,
        /** Returns the results in the order the trials finished. */
        COMPLETION_ORDER,
        /** Gives up on the rest of a generation after a failed trial. */
        STOPS_AT_A_FAILURE,
        /** Never tells the listener. */
        SILENT
    }

    private final String id;
    private final Mutation mutation;

    SubjectExecutorFactory(String id, Mutation mutation) {
        this.id = id;
        this.mutation = mutation;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "a threaded test executor (" + mutation + ")";
    }

    @Override
    public Executor create(Options options) {
        int workers = options.integer("workers", 3, 1, 64);
        options.finish();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        return new Executor() {
            @Override
            public List<TrialResult> evaluate(List<Trial> trials, ExecutionContext context) {
                List<TrialResult> finished = Collections.synchronizedList(new ArrayList<>());
                List<Future<TrialResult>> futures = new ArrayList<>();
                for (Trial trial : trials) {
                    futures.add(pool.submit(() -> {
                        if (mutation != Mutation.SILENT) {
                            synchronized (context) {
                                context.listener().started(trial);
                            }
                        }
                        TrialResult result = context.runner().run(trial, context.listener().training(trial));
                        if (mutation != Mutation.SILENT) {
                            synchronized (context) {
                                context.listener().finished(result);
                            }
                        }
                        finished.add(result);
                        return result;
                    }));
                }
                List<TrialResult> results = new ArrayList<>();
                try {
                    for (Future<TrialResult> future : futures) {
                        TrialResult result = future.get();
                        results.add(result);
                        if (mutation == Mutation.STOPS_AT_A_FAILURE && result.status() == TrialStatus.FAILED) {
                            break;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                return mutation == Mutation.COMPLETION_ORDER ? List.copyOf(finished) : results;
            }

            @Override
            public void close() {
                pool.shutdownNow();
            }
        };
    }
}
