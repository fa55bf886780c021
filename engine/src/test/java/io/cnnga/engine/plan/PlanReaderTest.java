package io.cnnga.engine.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanReaderTest {

    @Test
    void absentSectionsTakeTheDefaults() {
        Plan plan = PlanReader.parse("{\"dataset\": {\"id\": \"fashion-mnist\"}}", "test", "quick");
        assertThat(plan.name()).isEqualTo("quick");
        assertThat(plan.decoder().id()).isEqualTo("paper");
        assertThat(plan.backend().id()).isEqualTo("tensorflow");
        assertThat(plan.executor().id()).isEqualTo("local");
        assertThat(plan.search().population()).isEqualTo(4);
        assertThat(plan.search().generations()).isEqualTo(20);
        // the paper's population and generations; the selection and mutation that measured best
        assertThat(plan.search().mutationProbability()).isEqualTo(0.05);
        assertThat(plan.search().selector()).isEqualTo(Selector.TOURNAMENT);
        assertThat(plan.search().tournamentSize()).isEqualTo(3);
        assertThat(plan.search().repair()).isEqualTo(Repair.NEAREST);
        assertThat(plan.search().distinctChildren()).isTrue();
        assertThat(plan.training().pruner()).isEqualTo(Pruner.NONE);
        assertThat(plan.training().epochs()).isEqualTo(2);
        assertThat(plan.training().batchSize()).isEqualTo(32);
        assertThat(plan.training().learningRate()).isEqualTo(0.001);
        assertThat(plan.output()).isEqualTo("runs/quick");
    }

    @Test
    void theDefaultTournamentFitsASmallPopulation() {
        Plan plan = PlanReader.parse("{\"dataset\": {\"id\": \"x\"}, \"search\": {\"population\": 2}}", "test", "p");
        assertThat(plan.search().tournamentSize()).isEqualTo(2);
    }

    @Test
    void thePapersPlansSayThePapersGa() {
        for (String name : java.util.List.of("paper-cifar10", "paper-cifar100", "fashion-mnist")) {
            SearchSettings s = PlanReader.read(java.nio.file.Path.of("../plans/" + name + ".json")).search();
            assertThat(s.population()).as(name).isEqualTo(4);
            assertThat(s.generations()).as(name).isEqualTo(20);
            assertThat(s.mutationProbability()).as(name).isEqualTo(0.25);
            assertThat(s.selector()).as(name).isEqualTo(Selector.ROULETTE);
            assertThat(s.distinctChildren()).as(name).isFalse();
        }
    }

    @Test
    void writtenPlanReadsBackEqual() {
        Plan plan = PlanReader.parse("""
                {"name": "round", "seed": 7,
                 "dataset": {"id": "fashion-mnist", "options": {"trainLimit": 100, "nested": {"a": [1, 2.5, "x"]}}},
                 "backend": {"id": "tensorflow", "options": {"device": "cpu"}},
                 "search": {"population": 6, "selector": "tournament", "maxForwardFlops": 2.0e8},
                 "final": {"epochs": 3}}
                """, "test", "ignored");
        String json = PlanWriter.toJson(plan);
        Plan again = PlanReader.parse(json, "written", "ignored");
        assertThat(again).isEqualTo(plan);
        assertThat(json).contains("\"final\"").doesNotContain("finalTraining");
        assertThat(again.dataset().options()).containsEntry("trainLimit", 100);
        assertThat(again.dataset().options().get("nested")).isEqualTo(Map.of("a", java.util.List.of(1, 2.5, "x")));
    }

    @Test
    void aRelativeDatasetPathIsReadFromThePlanFilesFolder(@TempDir Path dir) throws Exception {
        Path plans = Files.createDirectories(dir.resolve("plans"));
        Files.writeString(plans.resolve("relative.json"), "{\"dataset\": {\"id\": \"mnist\", \"options\": {\"path\": \"../data/mnist\"}}}");
        Files.writeString(plans.resolve("absolute.json"), "{\"dataset\": {\"id\": \"mnist\", \"options\": {\"path\": \"/data/mnist\"}}}");

        assertThat(PlanReader.read(plans.resolve("relative.json")).dataset().options())
                .containsEntry("path", dir.resolve("data/mnist").toAbsolutePath().normalize().toString());
        assertThat(PlanReader.read(plans.resolve("absolute.json")).dataset().options()).containsEntry("path", "/data/mnist");
        // text given without a file has no folder to resolve against
        assertThat(PlanReader.parse("{\"dataset\": {\"id\": \"mnist\", \"options\": {\"path\": \"data\"}}}", "test", "p")
                .dataset().options()).containsEntry("path", "data");
    }
}
