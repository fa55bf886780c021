package io.cnnga.engine.executor;

import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.Executor;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.util.List;

/**
 * Executor {@code local}: trains trials on this machine, several at once if asked, in this JVM or
 * each in a child JVM.
 *
 * <pre>{@code
 * "executor": { "id": "local", "options": { "devices": ["gpu:0", "gpu:1"] } }
 * "executor": { "id": "local", "options": { "workers": 2, "isolation": "process", "trialTimeout": 900 } }
 * }</pre>
 *
 * <p>Options:
 * <ul>
 *   <li>{@code workers} — trials at once (default: one per device, else 1);</li>
 *   <li>{@code devices} — e.g. {@code ["gpu:0", "gpu:1"]} or {@code ["cpu"]}: one trial per listed
 *       device at a time, the device handed to the backend in the trial's config; list a device
 *       twice to train two trials on it at once. Without it, the backend's own device;</li>
 *   <li>{@code isolation} — {@code thread} (in this JVM) or {@code process} (each trial in a
 *       child JVM, {@code engine worker}); default {@code process} when a device is a GPU, so that
 *       the memory TensorFlow keeps on a GPU is freed after each trial, else {@code thread};</li>
 *   <li>{@code trialTimeout} — seconds after which a child JVM is killed and its trial fails
 *       (process isolation only; default: none — {@code training.maxTrialSeconds} already stops a
 *       training that runs long; this catches one that hangs);</li>
 *   <li>{@code javaOptions} — options for each child JVM, e.g. {@code ["-Xmx6g"]} (default: this
 *       JVM's {@code -Xmx} and {@code -Dcnnga.*}).</li>
 * </ul>
 */
public final class LocalExecutorFactory implements ExecutorFactory {

    public static final String ID = "local";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "trains trials on this machine: `workers` at once, on `devices`, in threads or child JVMs (`isolation`)";
    }

    @Override
    public Executor create(Options options) {
        List<String> devices = options.strings("devices", List.of());
        for (int i = 0; i < devices.size(); i++) {
            if (!isDevice(devices.get(i))) {
                throw new InvalidOptionException(options.pathOf("devices") + "[" + i + "]",
                        "must be \"cpu\" or \"gpu:N\" (e.g. \"gpu:0\"), was \"" + devices.get(i) + "\"");
            }
        }
        int workers = options.integer("workers", devices.isEmpty() ? 1 : devices.size(), 1, 1024);
        if (!devices.isEmpty() && workers > devices.size()) {
            throw new InvalidOptionException(options.pathOf("workers"), "must be at most the number of devices ("
                    + devices.size() + "), was " + workers + "; list a device twice to train two trials on it at once");
        }
        boolean gpus = devices.stream().anyMatch(d -> DeviceChoice.parse(d).isGpu());
        Isolation isolation = Isolation.of(options.choice("isolation", gpus ? "process" : "thread",
                List.of("thread", "process")));
        double timeout = options.number("trialTimeout", 0, 0, Double.MAX_VALUE);
        List<String> javaOptions = options.strings("javaOptions", List.of());
        if (isolation == Isolation.THREAD && timeout > 0) {
            throw new InvalidOptionException(options.pathOf("trialTimeout"),
                    "needs \"isolation\": \"process\": a training thread cannot be stopped safely, a child JVM can");
        }
        if (isolation == Isolation.THREAD && !javaOptions.isEmpty()) {
            throw new InvalidOptionException(options.pathOf("javaOptions"), "needs \"isolation\": \"process\"");
        }
        options.finish();
        return new LocalExecutor(workers, devices, isolation,
                isolation == Isolation.PROCESS ? new WorkerProcess(javaOptions, timeout) : null);
    }

    /** A device a trial can be pinned to: {@code cpu} or {@code gpu:N} ({@code auto} pins nothing). */
    private static boolean isDevice(String text) {
        try {
            return DeviceChoice.parse(text).kind() != DeviceChoice.Kind.AUTO;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
