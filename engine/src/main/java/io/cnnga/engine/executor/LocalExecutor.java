package io.cnnga.engine.executor;

import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs trials on this machine, {@code workers} at a time, each on a free device of
 * {@code devices} when there are some, in this JVM or each in a child JVM.
 *
 * <pre>{@code
 * try (Executor local = new LocalExecutor(2, List.of("gpu:0", "gpu:1"), Isolation.PROCESS,
 *         new WorkerProcess(List.of(), 3600))) {
 *     List<TrialResult> results = local.evaluate(trials, context);
 * }
 * }</pre>
 *
 * <p>A trial takes a device from the pool, runs with {@code config.device} set to it, and gives
 * it back when it ends, so no two trials ever share a device. The listener is called under a
 * lock, so it sees one event at a time; results come back in the trials' order. In this JVM a
 * runner's exception ends the run (the runner contract says it never throws; an error is the
 * process's); in a child JVM anything that happens costs that trial only.
 */
final class LocalExecutor implements Executor {

    private final int workers;
    private final List<String> devices;
    private final Isolation isolation;
    private final WorkerProcess worker;

    /**
     * @param devices empty: the backend's own device
     * @param worker  starts the child JVMs of {@link Isolation#PROCESS}; null for threads
     */
    LocalExecutor(int workers, List<String> devices, Isolation isolation, WorkerProcess worker) {
        this.workers = workers;
        this.devices = List.copyOf(devices);
        this.isolation = isolation;
        this.worker = worker;
        if (isolation == Isolation.PROCESS && worker == null) {
            throw new IllegalArgumentException("process isolation needs a worker process launcher");
        }
    }

    int workers() {
        return workers;
    }

    List<String> devices() {
        return devices;
    }

    Isolation isolation() {
        return isolation;
    }

    WorkerProcess worker() {
        return worker;
    }

    @Override
    public List<TrialResult> evaluate(List<Trial> trials, ExecutionContext context) {
        Object lock = new Object();
        BlockingQueue<String> freeDevices = new ArrayBlockingQueue<>(Math.max(1, devices.size()), false, devices);
        int threads = Math.min(workers, trials.size());
        if (threads <= 1) {
            List<TrialResult> results = new ArrayList<>(trials.size());
            try {
                for (Trial trial : trials) {
                    results.add(runOne(trial, context, lock, freeDevices));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while trials were running", e);
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cnnga-local-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial trial : trials) {
                futures.add(pool.submit(() -> runOne(trial, context, lock, freeDevices)));
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
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a trial runner threw: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private TrialResult runOne(Trial trial, ExecutionContext context, Object lock, BlockingQueue<String> freeDevices)
            throws InterruptedException {
        String device = devices.isEmpty() ? null : freeDevices.take();
        try {
            Trial placed = device == null ? trial : trial.withConfig(trial.config().withDevice(device));
            TrialListener listener = context.listener();
            synchronized (lock) {
                listener.started(placed);
            }
            TrialResult result = isolation == Isolation.PROCESS
                    ? worker.run(placed, context.remote(), listener.training(placed))
                    : context.runner().run(placed, listener.training(placed));
            synchronized (lock) {
                listener.finished(result);
            }
            return result;
        } finally {
            if (device != null) {
                freeDevices.put(device);
            }
        }
    }
}
