package io.cnnga.executor.spark;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code executor.options} of executor {@code spark}, checked.
 *
 * <pre>{@code
 * SparkSettings s = new SparkSettings("local[2]", "cnnga", 1, 0, true, Map.of());
 * s.sparkMaster();   // "local[2]"; with maxFailures 3: "local[2,3]"
 * }</pre>
 *
 * @param master      where tasks run: {@code local[N]}, {@code local-cluster[N,C,MB]},
 *                    {@code spark://HOST:PORT}, {@code k8s://https://HOST:PORT} or {@code yarn}
 * @param appName     the application's name in Spark's UI
 * @param maxFailures attempts of a task before its trial fails (Spark's {@code spark.task.maxFailures});
 *                    1 by default, because a retry redoes a whole training
 * @param gpusPerTask GPUs Spark reserves for each task ({@code spark.task.resource.gpu.amount}); 0: none
 * @param shipJars    whether the job carries the engine's JARs to the executors ({@code spark.jars});
 *                    false: every node has the installation at the same path
 *                    ({@code spark.executor.extraClassPath})
 * @param conf        further Spark settings, applied last
 */
record SparkSettings(String master, String appName, int maxFailures, double gpusPerTask, boolean shipJars,
                     Map<String, String> conf) {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?\\])?");

    SparkSettings {
        conf = Map.copyOf(conf);
    }

    /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}: tasks are threads of this JVM. */
    boolean inThisJvm() {
        return LOCAL.matcher(master).matches();
    }

    /** On a single machine ({@code local...}): the driver binds to the loopback address. */
    boolean onThisMachine() {
        return master.startsWith("local");
    }

    /**
     * The master Spark is given: a local master carries the retries itself, since local mode
     * ignores {@code spark.task.maxFailures}.
     */
    String sparkMaster() {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches() || maxFailures == 1 || m.group(3) != null) {
            return master;
        }
        String threads = m.group(2) == null ? "1" : m.group(2);
        return "local[" + threads + "," + maxFailures + "]";
    }
}
