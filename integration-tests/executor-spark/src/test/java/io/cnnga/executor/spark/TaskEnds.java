package io.cnnga.executor.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test helper: every task end Spark reports to the driver, with the job description of its
 * stage (the plugin's "cnnga generation G trial I GENOME"), as {@code "spark.extraListeners"} of
 * a plan's {@code conf}. Shows which attempt of a trial's task failed, why, and which succeeded.
 */
public final class TaskEnds extends SparkListener {

    /**
     * One task's end.
     *
     * @param trial    the job description of its stage
     * @param attempt  0 for the first attempt, 1 for the first retry
     * @param executor the Spark executor that ran it
     * @param reason   Spark's {@code TaskEndReason}, e.g. {@code Success} or {@code ExecutorLostFailure(...)}
     */
    record End(String trial, int partition, int attempt, String executor, boolean successful, String reason) {
    }

    static final List<End> ENDS = new CopyOnWriteArrayList<>();
    private static final Map<Integer, String> TRIAL_OF_STAGE = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        String description = submitted.properties() == null ? null
                : submitted.properties().getProperty("spark.job.description");
        TRIAL_OF_STAGE.put(submitted.stageInfo().stageId(), description == null ? "?" : description);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        ENDS.add(new End(TRIAL_OF_STAGE.getOrDefault(end.stageId(), "?"), end.taskInfo().partitionId(),
                end.taskInfo().attemptNumber(), end.taskInfo().executorId(), end.taskInfo().successful(),
                end.reason().toString()));
    }
}
