package io.cnnga.executor.spark;

import io.cnnga.api.TrainingListener;
import io.cnnga.engine.executor.TrialRequest;
import io.cnnga.engine.executor.TrialWorker;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a Spark task: trains the trial of its partition with the engine's
 * {@link TrialWorker}, which builds the plan's dataset and backend once per executor JVM.
 *
 * <pre>{@code
 * JavaRDD<String> outcomes = requests.map(new TrialTask(List.of("/opt/cnnga/plugins.d")));
 * }</pre>
 *
 * <p>It catches everything — a training that throws, data missing on this node, even an
 * executor without the engine's classes — and returns a failure for that trial: Spark's retry
 * would redo hours of training, and one bad trial must not fail the stage. With GPU scheduling,
 * the GPU Spark assigned to the task ({@code TaskContext.resources()}) becomes the trial's device.
 */
final class TrialTask implements Function<String, String> {

    private static final long serialVersionUID = 1L;

    private final String[] pluginDirs;

    TrialTask(List<String> pluginDirs) {
        this.pluginDirs = pluginDirs.toArray(String[]::new);
    }

    @Override
    public String call(String request) {
        long start = System.nanoTime();
        String executor = executorName();
        String device = "";
        try {
            device = assignedGpu();
            String placed = device.isEmpty() ? request : TrialRequest.withDevice(request, device);
            List<Path> dirs = Arrays.stream(pluginDirs).map(Path::of).toList();
            String result = TrialWorker.run(placed, dirs, TrainingListener.NONE);
            return TaskOutcome.result(executor, device, seconds(start), result).encode();
        } catch (LinkageError e) {
            return TaskOutcome.failure(executor, device, seconds(start), "the Spark executor on " + executor
                    + " cannot load the cnnga engine (" + e + "); ship it with \"shipJars\": true or install it on every node")
                    .encode();
        } catch (RuntimeException | Error e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            return TaskOutcome.failure(executor, device, seconds(start), "the Spark task on " + executor + " threw "
                    + e.getClass().getSimpleName() + message).encode();
        }
    }

    /** "gpu:N" for the first GPU Spark gave this task, "" without GPU scheduling. */
    static String assignedGpu() {
        TaskContext context = TaskContext.get();
        if (context == null) {
            return "";
        }
        ResourceInformation gpus = context.resourcesJMap().get("gpu");
        if (gpus == null || gpus.addresses().length == 0) {
            return "";
        }
        return "gpu:" + gpus.addresses()[0];
    }

    private static String executorName() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "?" : env.executorId();
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown host";
            }
        }
        return "executor " + id + " (" + host + ")";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
