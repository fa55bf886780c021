package io.cnnga.executor.spark;

import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.RemoteTrials;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Trains a generation's trials on Spark: one partition per trial, one job per partition, so
 * that each trial succeeds or fails alone and its result reaches the engine's journal the moment
 * its task ends.
 *
 * <pre>{@code
 * try (Executor spark = new SparkExecutor(settings)) {
 *     List<TrialResult> results = spark.evaluate(trials, context);   // starts Spark the first time
 * }
 * }</pre>
 *
 * <p>The driver is this JVM; it keeps the journal, so a run resumes exactly as with the local
 * executor. Tasks receive the engine's request for their trial and its
 * {@link io.cnnga.api.RemoteWorker}, which trains it with the engine on the executor, where it
 * builds the dataset from the plan's dataset plugin: the data's path must be visible there. The Spark
 * application lives from the first generation until {@link #close()}. Spark's classes are loaded
 * through this plugin's class loader, so every call into Spark runs with it as the thread's
 * context class loader.
 */
final class SparkExecutor implements Executor {

    /** How often the driver checks, while it waits for tasks, that the application still runs. */
    private static final long STOP_CHECK_SECONDS = 5;

    private final SparkSettings settings;
    private final ClassLoader pluginLoader = SparkExecutor.class.getClassLoader();
    private JavaSparkContext spark;
    private TrialStarts starts;

    SparkExecutor(SparkSettings settings) {
        this.settings = settings;
    }

    SparkSettings settings() {
        return settings;
    }

    /** A trial's task started, or its job ended (with the task's answer, or Spark's error). */
    private record Event(int index, boolean started, String outcome, Throwable error, double seconds) {
    }

    @Override
    public List<TrialResult> evaluate(List<Trial> trials, ExecutionContext context) {
        if (trials.isEmpty()) {
            return List.of();
        }
        return withPluginLoader(() -> evaluateOnSpark(trials, context));
    }

    private List<TrialResult> evaluateOnSpark(List<Trial> trials, ExecutionContext context) {
        RemoteTrials remote = context.remote();
        JavaSparkContext sc = sparkContext(remote);
        int n = trials.size();
        List<String> requests = new ArrayList<>(n);
        for (Trial trial : trials) {
            requests.add(remote.request(trial));
        }
        JavaRDD<String> outcomes = sc.parallelize(requests, n).map(new TrialTask(remote.worker()));

        String token = UUID.randomUUID().toString();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        starts.watch(token, tag -> events.add(new Event(Integer.parseInt(tag.substring(tag.indexOf('/') + 1)),
                true, null, null, 0)));
        ExecutorService jobs = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "cnnga-spark-trial");
            t.setDaemon(true);
            t.setContextClassLoader(pluginLoader);
            return t;
        });
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                Trial trial = trials.get(i);
                jobs.submit(() -> events.add(runJob(sc, outcomes, index, trial, token)));
            }
            return collect(trials, events, remote, context.listener(), () -> sc.sc().isStopped());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sc.cancelAllJobs();
            throw new IllegalStateException("interrupted while Spark trained a generation", e);
        } finally {
            starts.forget(token);
            jobs.shutdownNow();
        }
    }

    /** Runs the job of trial {@code index}: only its partition is computed. */
    private static Event runJob(JavaSparkContext sc, JavaRDD<String> outcomes, int index, Trial trial, String token) {
        long start = System.nanoTime();
        sc.setLocalProperty(TrialStarts.PROPERTY, token + "/" + index);
        sc.setJobDescription("cnnga generation " + trial.generation() + " trial " + trial.index() + " " + trial.genome());
        try {
            List<String> answer = outcomes.collectPartitions(new int[]{index})[0];
            return new Event(index, false, answer.get(0), null, seconds(start));
        } catch (RuntimeException | Error e) {
            return new Event(index, false, null, e, seconds(start));
        }
    }

    /** Tells the listener of starts and results as they come, one call at a time; results in order. */
    private static List<TrialResult> collect(List<Trial> trials, BlockingQueue<Event> events, RemoteTrials remote,
                                             TrialListener listener, BooleanSupplier applicationStopped)
            throws InterruptedException {
        int n = trials.size();
        TrialResult[] results = new TrialResult[n];
        boolean[] started = new boolean[n];
        int finished = 0;
        while (finished < n) {
            Event event = events.poll(STOP_CHECK_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                if (applicationStopped.getAsBoolean() && events.isEmpty()) {
                    // A job can outlive its stopped application and wait forever (a cluster manager
                    // that removed the application): what has not come by now never will.
                    for (int i = 0; i < n; i++) {
                        if (results[i] == null) {
                            events.add(new Event(i, false, null, new IllegalStateException(
                                    "the Spark application stopped before this trial's task ended (see Spark's log)"), 0));
                        }
                    }
                }
                continue;
            }
            Trial trial = trials.get(event.index());
            if (results[event.index()] != null) {
                continue;
            }
            if (!started[event.index()]) {
                // Spark's listener bus may report the start after the job's end: a start comes first all the same.
                started[event.index()] = true;
                listener.started(trial);
            }
            if (event.started()) {
                continue;
            }
            TrialResult result = resultOf(trial, event, remote);
            results[event.index()] = result;
            finished++;
            listener.finished(result);
        }
        return List.of(results);
    }

    private static TrialResult resultOf(Trial trial, Event event, RemoteTrials remote) {
        if (event.error() != null) {
            return TrialResult.failed(trial, List.of(), event.seconds(), "the Spark job of this trial failed: "
                    + firstLine(event.error()));
        }
        TaskOutcome outcome = TaskOutcome.decode(event.outcome());
        if (outcome.failure() != null) {
            return TrialResult.failed(trial, List.of(), outcome.seconds(), outcome.failure());
        }
        return remote.result(trial, outcome.answer());
    }

    private synchronized JavaSparkContext sparkContext(RemoteTrials remote) {
        if (spark != null && spark.sc().isStopped()) {
            throw new IllegalStateException("the Spark application of this run has stopped (see Spark's log); "
                    + "resume the run once the cluster is back");
        }
        if (spark == null) {
            spark = new JavaSparkContext(sparkConf(remote.classPath()));
            starts = new TrialStarts();
            spark.sc().addSparkListener(starts);
        }
        return spark;
    }

    /**
     * The application's settings: the plan's choices, then the plan's {@code conf}, which wins.
     *
     * @param engineClassPath what executors in other JVMs need besides this plugin ({@link RemoteTrials#classPath()})
     */
    SparkConf sparkConf(List<String> engineClassPath) {
        SparkConf conf = new SparkConf()
                .setMaster(settings.sparkMaster())
                .setAppName(settings.appName())
                .set("spark.task.maxFailures", Integer.toString(settings.maxFailures()))
                // The engine draws its own progress bars; Spark's would garble them.
                .set("spark.ui.showConsoleProgress", "false");
        if (settings.onThisMachine()) {
            // Everything runs here: no web UI to leave open, and the loopback address, which always binds.
            conf.set("spark.ui.enabled", "false");
            if (System.getenv("SPARK_LOCAL_IP") == null) {
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        if (settings.gpusPerTask() > 0) {
            conf.set("spark.task.resource.gpu.amount", number(settings.gpusPerTask()));
            conf.set("spark.executor.resource.gpu.amount", Long.toString((long) Math.ceil(settings.gpusPerTask())));
        }
        if (!settings.inThisJvm()) {
            shipEngine(conf, engineClassPath);
        }
        settings.conf().forEach(conf::set);
        return conf;
    }

    /** Executors in other JVMs need the engine, its plugins and this plugin on their class path. */
    private void shipEngine(SparkConf conf, List<String> engineClassPath) {
        List<String> entries = new ArrayList<>(engineClassPath);
        String own = ownLocation();
        if (own != null && !entries.contains(own)) {
            entries.add(own);
        }
        List<String> jars = entries.stream().filter(e -> e.endsWith(".jar") && Files.isRegularFile(Path.of(e))).toList();
        List<String> folders = entries.stream().filter(e -> !jars.contains(e)).toList();
        if (settings.shipJars()) {
            conf.set("spark.jars", String.join(",", jars));
            if (!folders.isEmpty()) {
                conf.set("spark.executor.extraClassPath", String.join(File.pathSeparator, folders));
            }
        } else {
            conf.set("spark.executor.extraClassPath", String.join(File.pathSeparator, entries));
        }
    }

    private static String ownLocation() {
        try {
            var source = SparkExecutor.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (spark != null) {
            withPluginLoader(() -> {
                spark.stop();
                return null;
            });
            spark = null;
        }
    }

    private <T> T withPluginLoader(Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(pluginLoader);
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
