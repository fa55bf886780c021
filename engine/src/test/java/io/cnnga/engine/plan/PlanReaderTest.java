package io.cnnga.engine.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanReaderTest {

    @Test
    void absentSectionsTakeThePapersDefaults() {
        Plan plan = PlanReader.parse("{\"dataset\": {\"id\": \"fashion-mnist\"}}", "test", "quick");
        assertThat(plan.name()).isEqualTo("quick");
        assertThat(plan.decoder().id()).isEqualTo("paper");
        assertThat(plan.backend().id()).isEqualTo("tensorflow");
        assertThat(plan.executor().id()).isEqualTo("local");
        assertThat(plan.search().population()).isEqualTo(4);
        assertThat(plan.search().generations()).isEqualTo(20);
        assertThat(plan.search().mutationProbability()).isEqualTo(0.25);
        assertThat(plan.search().selector()).isEqualTo(Selector.ROULETTE);
        assertThat(plan.training().epochs()).isEqualTo(2);
        assertThat(plan.training().batchSize()).isEqualTo(32);
        assertThat(plan.training().learningRate()).isEqualTo(0.001);
        assertThat(plan.output()).isEqualTo("runs/quick");
    }

    @Test
    void mutationDefaultsToOneOverPopulation() {
        Plan plan = PlanReader.parse("{\"dataset\": {\"id\": \"x\"}, \"search\": {\"population\": 8}}", "test", "p");
        assertThat(plan.search().mutationProbability()).isEqualTo(0.125);
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
}
