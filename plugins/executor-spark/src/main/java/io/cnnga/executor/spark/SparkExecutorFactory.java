package io.cnnga.executor.spark;

import io.cnnga.api.Executor;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executor {@code spark}: trains each generation's trials as Spark tasks, one partition per trial.
 *
 * <pre>{@code
 * "executor": { "id": "spark", "options": {
 *     "master": "spark://head:7077", "gpusPerTask": 1, "maxFailures": 1,
 *     "conf": { "spark.executor.memory": "8g", "spark.executor.resource.gpu.amount": 1 } } }
 * }</pre>
 *
 * <p>Options (see {@link SparkSettings}): {@code master} (default {@code local[*]}),
 * {@code appName} (default {@code cnnga}), {@code maxFailures} (default 1), {@code gpusPerTask}
 * (default 0), {@code shipJars} (default true), {@code conf} (an object of Spark settings).
 * GPUs with a {@code local} master are refused: Spark's local mode does not schedule GPU
 * resources, and its tasks would wait forever. Creating the executor starts nothing; the Spark
 * application starts with the first generation.
 */
public final class SparkExecutorFactory implements ExecutorFactory {

    public static final String ID = "spark";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "trains each generation's trials as Apache Spark tasks (local[N], spark://, k8s://, yarn)";
    }

    @Override
    public Executor create(Options options) {
        String master = options.string("master", "local[*]");
        if (master.isBlank()) {
            throw new InvalidOptionException(options.pathOf("master"), "must name a Spark master, e.g. local[2] or spark://head:7077");
        }
        String appName = options.string("appName", "cnnga");
        int maxFailures = options.integer("maxFailures", 1, 1, 100);
        double gpusPerTask = options.number("gpusPerTask", 0, 0, 1024);
        boolean shipJars = options.bool("shipJars", true);
        Options confOptions = options.object("conf");
        Map<String, String> conf = new LinkedHashMap<>();
        for (String key : confOptions.values().keySet()) {
            Object value = confOptions.values().get(key);
            if (!key.startsWith("spark.")) {
                throw new InvalidOptionException(confOptions.pathOf(key), "is not a Spark setting (they start with \"spark.\")");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new InvalidOptionException(confOptions.pathOf(key), "must be a string, a number or true/false");
            }
            conf.put(key, value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : value.toString());
        }
        options.finish();

        SparkSettings settings = new SparkSettings(master, appName, maxFailures, gpusPerTask, shipJars, conf);
        if (gpusPerTask > 0 && settings.inThisJvm()) {
            throw new InvalidOptionException(options.pathOf("gpusPerTask"), "Spark's local master (\"" + master
                    + "\") does not schedule GPUs, and its tasks would wait forever; use a cluster master "
                    + "(spark://, k8s://, yarn), or on one machine the local executor with \"devices\": [\"gpu:0\", ...]");
        }
        requireSparkJvmOptions();
        return new SparkExecutor(settings);
    }

    /** Spark on Java 17 reflects into JDK internals; without these options it fails mid-start. */
    private static void requireSparkJvmOptions() {
        Module here = SparkExecutorFactory.class.getModule();
        for (String pkg : List.of("java.nio", "sun.nio.ch", "java.lang.invoke", "java.util")) {
            if (!Object.class.getModule().isOpen(pkg, here)) {
                throw new InvalidInputException("executor spark: this JVM was started without the options Spark needs "
                        + "on Java 17 (--add-opens=java.base/" + pkg + "=ALL-UNNAMED and others); bin/engine adds them from "
                        + "plugins.d/executor-spark/jvm.options, a JVM started otherwise needs that file's options");
            }
        }
    }
}
