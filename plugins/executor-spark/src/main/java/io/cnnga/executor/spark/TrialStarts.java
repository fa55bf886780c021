package io.cnnga.executor.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells the driver when the task of a trial starts on an executor, so the journal's
 * {@code startedAt} is when the training began, not when the generation was submitted.
 *
 * <pre>{@code
 * TrialStarts starts = new TrialStarts();
 * spark.sc().addSparkListener(starts);
 * starts.watch(token, trialKey -> queue.add(trialKey));
 * sc.setLocalProperty(TrialStarts.PROPERTY, token + "/" + index);   // before the trial's job
 * }</pre>
 *
 * <p>Each trial runs as its own job, tagged with the local property {@link #PROPERTY}
 * ({@code TOKEN/INDEX}); a job's stages map to that tag, a task start of such a stage is reported
 * to whoever watches the token. Spark calls it from its listener-bus thread.
 */
final class TrialStarts extends SparkListener {

    static final String PROPERTY = "cnnga.trial";

    private final Map<Integer, String> trialOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, List<Object>> stagesOfJob = new ConcurrentHashMap<>();
    private final Map<String, Consumer<String>> watchers = new ConcurrentHashMap<>();

    /** Starts of trials tagged {@code token/…} go to {@code watcher}, with the tag. */
    void watch(String token, Consumer<String> watcher) {
        watchers.put(token, watcher);
    }

    void forget(String token) {
        watchers.remove(token);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        String tag = jobStart.properties() == null ? null : jobStart.properties().getProperty(PROPERTY);
        if (tag == null) {
            return;
        }
        List<Object> stages = CollectionConverters.asJava(jobStart.stageIds());
        stagesOfJob.put(jobStart.jobId(), stages);
        for (Object stage : stages) {
            trialOfStage.put((Integer) stage, tag);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        String tag = trialOfStage.get(taskStart.stageId());
        if (tag == null) {
            return;
        }
        Consumer<String> watcher = watchers.get(tag.substring(0, tag.indexOf('/')));
        if (watcher != null) {
            watcher.accept(tag);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        List<Object> stages = stagesOfJob.remove(jobEnd.jobId());
        if (stages != null) {
            stages.forEach(trialOfStage::remove);
        }
    }
}
