package io.cnnga.executor.spark;

import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.RunStarted;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 5 of the Spark issue, a measurement rather than a check: the wall time of one generation
 * of four trials on 2,000 Fashion-MNIST images with one and with two Spark executors, each a JVM
 * of its own started by a {@code local-cluster[N,1,MB]} master (a standalone master and workers
 * inside this JVM), with RPC authentication and encryption on. Run it alone:
 *
 * <pre>{@code
 * mvn -B test -pl integration-tests/executor-spark -am -Dtest=SparkScalingBenchmarkTest -Dcnnga.sparkScaling=true \
 *     [-Dcnnga.sparkScaling.threads=1] [-Dcnnga.sparkScaling.executors=1,2]
 * }</pre>
 *
 * <p>A local cluster launches its executors from {@code $SPARK_HOME/jars}; the test fills such a
 * folder ({@link SparkHome}) from its own class path, and the executors get the engine through
 * {@code spark.executor.extraClassPath} ({@code "shipJars": false}: same machine, same paths).
 */
@EnabledIfSystemProperty(named = "cnnga.sparkScaling", matches = "true")
class SparkScalingBenchmarkTest {

    static final String PLAN = """
            {"name": "spark-scaling", "seed": 7,
             "dataset": {"id": "fashion-mnist", "options": {"trainLimit": 2000, "testLimit": 200, "validationFraction": 0.1}},
             "backend": {"id": "tensorflow", "options": {"device": "cpu", "threads": %d}},
             "executor": %s,
             "training": {"epochs": 1, "batchSize": 32},
             "search": {"population": 4, "generations": 1, "elites": 1, "maxForwardFlops": 2e7, "maxParams": 5e6},
             "final": {"epochs": 0}}
            """;

    @TempDir
    Path dir;

    @Test
    void oneGenerationWithOneAndTwoExecutors() throws IOException {
        Path sparkHome = Path.of(System.getenv("SPARK_HOME"));
        SparkHome.fill(sparkHome);
        int threads = Integer.getInteger("cnnga.sparkScaling.threads", 0);
        StringBuilder report = new StringBuilder();
        for (String executors : System.getProperty("cnnga.sparkScaling.executors", "1,2").split(",")) {
            String executor = """
                    {"id": "spark", "options": {"master": "local-cluster[%s,1,3072]", "shipJars": false,
                     "conf": {"spark.authenticate": "true", "spark.authenticate.secret": "cnnga-test",
                              "spark.network.crypto.enabled": "true"}}}""".formatted(executors);
            Path out = dir.resolve("executors-" + executors);
            Plan plan = PlanReader.parse(PLAN.formatted(threads, executor), "test", "spark-scaling");
            new SearchRun(plan, PluginRegistry.load(List.of()), RunConsole.silent()).execute(out);
            report.append(describe(executors, out)).append('\n');
        }
        System.out.print("cnnga spark scaling (TensorFlow threads per trial: " + (threads == 0 ? "all cores" : threads)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores)\n" + report);
    }

    /** Generation wall time (Spark application start included) and the span of its trainings. */
    static String describe(String executors, Path run) {
        Instant started = RunJournal.events(run, RunStarted.class).get(0).time();
        Instant generationDone = RunJournal.events(run, GenerationFinished.class).get(0).time();
        List<TrialFinished> trials = RunJournal.events(run, TrialFinished.class);
        assertThat(trials).isNotEmpty().allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
        Instant firstStart = trials.stream().map(TrialFinished::startedAt).min(Instant::compareTo).orElseThrow();
        Instant lastEnd = trials.stream().map(TrialFinished::time).max(Instant::compareTo).orElseThrow();
        double training = trials.stream().mapToDouble(TrialFinished::seconds).sum();
        return String.format(Locale.ROOT, "executors %s: generation %.1f s wall (Spark start included), trials %.1f s "
                        + "from first start to last end, %.1f s of training summed over %d trials",
                executors, seconds(started, generationDone), seconds(firstStart, lastEnd), training, trials.size());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
