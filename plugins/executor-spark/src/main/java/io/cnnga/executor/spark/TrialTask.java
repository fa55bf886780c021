package io.cnnga.executor.spark;

import io.cnnga.api.RemoteWorker;
import io.cnnga.api.TrainingListener;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

/**
 * The body of a Spark task: trains the trial of its partition with the engine's
 * {@link RemoteWorker}, which travels inside this function and builds the plan's dataset and
 * backend once per executor JVM.
 *
 * <pre>{@code
 * JavaRDD<String> outcomes = requests.map(new TrialTask(context.remote().worker()));
 * }</pre>
 *
 * <p>It catches everything — a training that throws, data missing on this node, even an
 * executor without the engine's classes — and returns a failure for that trial: Spark's retry
 * would redo hours of training, and one bad trial must not fail the stage. (A task whose
 * executor dies is another matter: Spark retries it if {@code maxFailures} allows.) With GPU
 * scheduling, the GPU Spark assigned to the task ({@code TaskContext.resources()}) becomes the
 * trial's device.
 */
final class TrialTask implements Function<String, String> {

    private static final long serialVersionUID = 2L;

    private final RemoteWorker worker;

    TrialTask(RemoteWorker worker) {
        this.worker = worker;
    }

    @Override
    public String call(String request) {
        long start = System.nanoTime();
        String executor = executorName();
        String device = "";
        try {
            device = assignedGpu();
            String answer = worker.run(request, device.isEmpty() ? null : device, TrainingListener.NONE);
            return TaskOutcome.answer(executor, device, seconds(start), answer).encode();
        } catch (LinkageError | IllegalStateException e) {
            return TaskOutcome.failure(executor, device, seconds(start), "the Spark executor on " + executor
                    + " cannot run the cnnga engine (" + e.getMessage() + "); ship it with \"shipJars\": true "
                    + "or install it on every node").encode();
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
