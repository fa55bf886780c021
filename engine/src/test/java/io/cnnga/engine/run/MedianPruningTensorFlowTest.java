package io.cnnga.engine.run;

import io.cnnga.api.TrialStatus;
import io.cnnga.api.TrialStop;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The median pruner on real TensorFlow trainings: a trial below the median is stopped inside its one epoch.
 * The plan asks for float32 so that the trainings, and so which trial falls below the median, are the same
 * on CPUs with and without bfloat16.
 */
class MedianPruningTensorFlowTest {

    static final String PLAN = """
            {"name": "median", "seed": 3,
             "dataset": {"id": "synthetic", "options": {"height": 10, "width": 10, "classes": 6, "trainSize": 900, "testSize": 40, "noise": 0.85}},
             "backend": {"id": "tensorflow", "options": {"threads": 1, "precision": "fp32"}},
             "training": {"epochs": 1, "batchSize": 16, "pruner": "median", "checkpoints": [0.3], "warmupTrials": 3},
             "search": {"population": 5, "generations": 3, "maxForwardFlops": 2e7, "maxParams": 5e6},
             "final": {"epochs": 0}}
            """;

    @TempDir
    Path dir;

    @Test
    void aTrialBelowTheMedianIsStoppedAtItsMidEpochCheckpointAndTheRunCompletes() {
        Plan plan = PlanReader.parse(PLAN, "test", "median");
        new SearchRun(plan, PluginRegistry.load(List.of()), RunConsole.silent()).execute(dir.resolve("run"));

        List<TrialFinished> trials = ComparableJournal.events(dir.resolve("run"), TrialFinished.class);
        List<TrialFinished> pruned = trials.stream().filter(t -> t.status() == TrialStatus.PRUNED).toList();
        assertThat(pruned).isNotEmpty().allSatisfy(t -> {
            assertThat(t.stoppedBy()).isEqualTo(TrialStop.MEDIAN_PRUNER);
            assertThat(t.stoppedAt()).isEqualTo(0.3);
            assertThat(t.generation()).isPositive();
            // stopped inside the epoch: its one epoch incomplete, the checkpoint's accuracy its fitness
            assertThat(t.history()).singleElement().satisfies(e -> {
                assertThat(e.complete()).isFalse();
                assertThat(e.checkpoints()).singleElement().satisfies(c -> {
                    assertThat(c.fraction()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(0.03));
                    assertThat(t.fitness()).isEqualTo(c.validationAccuracy());
                });
            });
        });
        assertThat(trials).filteredOn(t -> t.status() == TrialStatus.COMPLETE)
                .allSatisfy(t -> assertThat(t.history().get(0).checkpoints()).hasSize(1));
        // every trial TensorFlow trained journals what it computed in: the plan's float32
        assertThat(trials).filteredOn(t -> t.status() != TrialStatus.FAILED)
                .isNotEmpty().allSatisfy(t -> assertThat(t.precision()).isEqualTo("fp32"));
        assertThat(ComparableJournal.events(dir.resolve("run"), RunFinished.class)).hasSize(1);
    }
}
