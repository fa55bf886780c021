package io.cnnga.engine.executor;

import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.trial.PlanWorkbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a {@link TrialRequest} in this JVM, the way the engine would: the plan's decoder, data
 * and backend, built from the plan's JSON by {@link PlanWorkbench}. What a child JVM of the local
 * executor ({@code engine worker}) runs, and a {@link io.cnnga.api.RemoteWorker} sent to another
 * JVM (a Spark task) through {@link RemoteWorkerEngine}.
 *
 * <pre>{@code
 * String resultJson = TrialWorker.run(requestJson, EngineProcess.pluginDirs(), TrainingListener.NONE);
 * }</pre>
 *
 * <p>It never throws: a plan that cannot be prepared here (data missing on this node, an unknown
 * plugin), a genome this node decodes differently, or anything the training throws comes back as
 * a {@code FAILED} result with the reason. The workbench is built once per plan and JVM — a Spark
 * executor trains many trials of one plan — by the first trial to need it while the others wait;
 * a workbench of another plan is closed when its last trial finishes.
 */
public final class TrialWorker {

    private static final Map<Key, Lease> BENCHES = new HashMap<>();

    private TrialWorker() {
    }

    private record Key(String planJson, List<Path> pluginDirs) {
    }

    /** A shared workbench and how many trials use it. */
    private static final class Lease {
        final Key key;
        int users;
        boolean retired;
        private PlanWorkbench bench;

        Lease(Key key) {
            this.key = key;
        }

        synchronized PlanWorkbench open() {
            if (bench == null) {
                bench = PlanWorkbench.open(key.planJson(), EngineProcess.registryFor(key.pluginDirs()));
            }
            return bench;
        }

        synchronized void close() {
            if (bench != null) {
                bench.close();
                bench = null;
            }
        }
    }

    /**
     * Trains the trial {@code requestJson} describes and returns its result as JSON
     * ({@link TrialRequest#writeResult}).
     *
     * @param pluginDirs plugin folders to load besides the class path (the engine's, as
     *                   {@link EngineProcess#pluginDirs()} gives them)
     * @param progress   hears the training's steps and epochs
     * @throws io.cnnga.api.InvalidInputException only when {@code requestJson} is no trial request
     */
    public static String run(String requestJson, List<Path> pluginDirs, TrainingListener progress) {
        TrialRequest request = TrialRequest.read(requestJson);
        return TrialRequest.writeResult(run(request, pluginDirs, progress));
    }

    static TrialResult run(TrialRequest request, List<Path> pluginDirs, TrainingListener progress) {
        long start = System.nanoTime();
        Lease lease = acquire(new Key(request.planJson(), List.copyOf(pluginDirs)));
        try {
            PlanWorkbench bench;
            try {
                bench = lease.open();
            } catch (RuntimeException | LinkageError e) {
                return request.failed(seconds(start), "cannot prepare the plan on " + host() + ": " + describe(e));
            }
            Trial trial;
            try {
                trial = bench.trial(request.generation(), request.index(), request.genome()).withConfig(request.config());
            } catch (RuntimeException e) {
                return request.failed(seconds(start), "cannot decode " + request.genome() + " on " + host() + ": "
                        + describe(e));
            }
            String mismatch = mismatch(request, trial.spec());
            if (mismatch != null) {
                return request.failed(seconds(start), mismatch);
            }
            try {
                return bench.runner().run(trial, Objects.requireNonNullElse(progress, TrainingListener.NONE),
                        request.pruning());
            } catch (RuntimeException | Error e) {
                // A runner should not throw; one that does costs this trial, not the worker.
                return TrialResult.failed(trial, List.of(), seconds(start), describe(e));
            }
        } finally {
            release(lease);
        }
    }

    private static String mismatch(TrialRequest request, ModelSpec spec) {
        if (request.params() >= 0 && (spec.params() != request.params()
                || (request.flops() >= 0 && spec.forwardFlops() != request.flops()))) {
            return String.format(Locale.ROOT, "%s decodes on %s to a network of %,d parameters and %,d FLOPs, "
                            + "where the engine decoded %,d and %,d: the nodes run different plugin versions",
                    request.genome(), host(), spec.params(), spec.forwardFlops(), request.params(), request.flops());
        }
        return null;
    }

    private static Lease acquire(Key key) {
        List<Lease> idle = new ArrayList<>();
        Lease lease;
        synchronized (BENCHES) {
            lease = BENCHES.computeIfAbsent(key, Lease::new);
            lease.users++;
            // Another plan's workbench holds its data in memory: drop it once nobody trains with it.
            BENCHES.values().removeIf(other -> {
                if (other == lease) {
                    return false;
                }
                other.retired = true;
                if (other.users == 0) {
                    idle.add(other);
                }
                return true;
            });
        }
        idle.forEach(Lease::close);
        return lease;
    }

    private static void release(Lease lease) {
        boolean close;
        synchronized (BENCHES) {
            lease.users--;
            close = lease.retired && lease.users == 0;
        }
        if (close) {
            lease.close();
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String first = message == null || message.isBlank() ? "" : message.lines().findFirst().orElse("");
        return first.isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + first;
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "this node";
            }
        }
        return name + " (pid " + ProcessHandle.current().pid() + ")";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
