package io.cnnga.executor.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helper: counts the tasks Spark finished, as {@code "spark.extraListeners"} of a plan's
 * {@code conf}, to show that trials really ran as Spark tasks.
 */
public final class TaskCounter extends SparkListener {

    static final AtomicInteger SUCCEEDED = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.taskInfo().successful()) {
            SUCCEEDED.incrementAndGet();
        }
    }
}
