package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
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
        List<JsonNode> events = Journal.read(out.resolve(Journal.FILE));
        List<JsonNode> trials = events.stream().filter(e -> e.get("type").asText().equals("trial-finished")).toList();
        assertThat(trials).anySatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("FAILED");
            assertThat(t.get("fitness").asDouble()).isZero();
            assertThat(t.get("reason").asText()).matches("loss became NaN at epoch 1, step \\d+");
        });
        assertThat(trials).anySatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("COMPLETE"));
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("run-finished");
    }

    @Test
    void aGenerationWhoseTrialsAllFailStopsTheRunWithTheReason() {
        Path out = dir.resolve("run");
        assertThatThrownBy(() -> new SearchRun(plan("1e6"), PluginRegistry.load(List.of()), RunConsole.silent()).execute(out))
                .isInstanceOf(RunStoppedException.class)
                .hasMessageStartingWith("every trial of generation 0 failed; the first failed with: loss became NaN");
    }
}
