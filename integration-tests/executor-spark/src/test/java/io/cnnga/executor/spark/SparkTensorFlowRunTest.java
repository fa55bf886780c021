package io.cnnga.executor.spark;

import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Item 1 of the Spark issue: two generations of four genomes on 2,000 Fashion-MNIST images,
 * trained by the real TensorFlow backend inside Spark tasks ({@code local[2]}), draw the genomes
 * and fitness of the same plan on the local executor. TensorFlow (built on protobuf 3.21) and
 * Spark (4.33) share the one protobuf the build pins: TensorFlow trains in the tasks and exports
 * the final SavedModel with it.
 */
class SparkTensorFlowRunTest {

    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static final String PLAN = """
            {"name": "spark-fashion", "seed": 7,
             "dataset": {"id": "fashion-mnist", "options": {"path": "%s", "trainLimit": 2000, "testLimit": 200,
                         "validationFraction": 0.1}},
             "backend": {"id": "tensorflow", "options": {"device": "cpu"}},
             "executor": %s,
             "training": {"epochs": 1, "batchSize": 32},
             "search": {"population": 4, "generations": 2, "elites": 1, "maxForwardFlops": 2e7, "maxParams": 5e6},
             "final": {"epochs": %d}}
            """;

    @TempDir
    Path dir;

    static Summary run(String executor, int finalEpochs, Path out) {
        Plan plan = PlanReader.parse(PLAN.formatted(FASHION_MNIST, executor, finalEpochs), "test", "spark-fashion");
        return new SearchRun(plan, PluginRegistry.load(List.of()), RunConsole.silent()).execute(out);
    }

    @Test
    void sparkTasksDrawTheGenomesOfTheLocalExecutor() throws Exception {
        assumeTrue(Files.isRegularFile(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed in " + FASHION_MNIST);
        run("{\"id\": \"local\"}", 0, dir.resolve("local"));
        int tasksBefore = TaskCounter.SUCCEEDED.get();
        Summary summary = run("""
                {"id": "spark", "options": {"master": "local[2]",
                 "conf": {"spark.extraListeners": "io.cnnga.executor.spark.TaskCounter"}}}""", 1, dir.resolve("spark"));

        assertThat(RunJournal.genomes(dir.resolve("spark"))).isEqualTo(RunJournal.genomes(dir.resolve("local")));
        assertThat(RunJournal.fitness(dir.resolve("spark"))).isEqualTo(RunJournal.fitness(dir.resolve("local")));
        long trained = RunJournal.events(dir.resolve("spark"), TrialFinished.class).stream()
                .filter(t -> t.status() == TrialStatus.COMPLETE).count();
        assertThat(trained).isGreaterThanOrEqualTo(4);
        assertThat(TaskCounter.SUCCEEDED.get() - tasksBefore).isEqualTo((int) trained);
        // a task's answer carries the precision its training computed in, the one the local trials journal
        assertThat(RunJournal.events(dir.resolve("spark"), TrialFinished.class))
                .filteredOn(t -> t.status() == TrialStatus.COMPLETE).extracting(TrialFinished::precision)
                .doesNotContainNull()
                .containsOnlyElementsOf(RunJournal.events(dir.resolve("local"), TrialFinished.class).stream()
                        .map(TrialFinished::precision).toList());

        // protobuf: one runtime, 4.x, under TensorFlow's 3.21 generated classes
        Class<?> configProto = Class.forName("org.tensorflow.proto.ConfigProto");
        assertThat(Class.forName("com.google.protobuf.RuntimeVersion").getField("MAJOR").get(null)).isEqualTo(4);
        assertThat(configProto.getSuperclass().getName()).isEqualTo("com.google.protobuf.GeneratedMessageV3");
        assertThat(summary.testAccuracy()).isGreaterThan(0.3);
        assertThat(dir.resolve("spark/model/saved_model.pb")).isNotEmptyFile();
    }
}
