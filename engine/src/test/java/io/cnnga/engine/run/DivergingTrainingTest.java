package io.cnnga.engine.run;

import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.JournalEvent;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real TensorFlow trainings whose learning rate makes some or all of them diverge. */
class DivergingTrainingTest {

    static final String PLAN = """
            {"name": "diverge", "seed": 1,
             "dataset": {"id": "synthetic", "options": {"height": 12, "width": 12, "classes": 4, "trainSize": 600, "testSize": 40}},
             "backend": {"id": "tensorflow", "options": {"threads": 1}},
             "training": {"epochs": 1, "batchSize": 32, "learningRate": %s},
             "search": {"population": 6, "generations": 2, "maxForwardFlops": 2e7, "maxParams": 5e6},
             "final": {"epochs": 0}}
            """;

    @TempDir
    Path dir;

    static Plan plan(String learningRate) {
        return PlanReader.parse(PLAN.formatted(learningRate), "test", "diverge");
    }

    @Test
    void divergingTrialsAreFailedWithTheirReasonAndTheRunCompletes() {
        Path out = dir.resolve("run");
        new SearchRun(plan("1e4"), PluginRegistry.load(List.of()), RunConsole.silent()).execute(out);
        List<JournalEvent> events = Journal.read(out.resolve(Journal.FILE));
        List<TrialFinished> trials = ComparableJournal.events(out, TrialFinished.class);
        assertThat(trials).anySatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(t.fitness()).isZero();
            assertThat(t.reason()).matches("loss became NaN at epoch 1, step \\d+");
        });
        assertThat(trials).anySatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunFinished.class);
    }

    @Test
    void aGenerationWhoseTrialsAllFailStopsTheRunWithTheReason() {
        Path out = dir.resolve("run");
        assertThatThrownBy(() -> new SearchRun(plan("1e6"), PluginRegistry.load(List.of()), RunConsole.silent()).execute(out))
                .isInstanceOf(RunStoppedException.class)
                .hasMessageStartingWith("every trial of generation 0 failed; the first failed with: loss became NaN");
    }
}
