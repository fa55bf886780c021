package io.cnnga.engine.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.Pruner;
import io.cnnga.engine.plan.Strategy;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.run.OneMaxPlugin;
import io.cnnga.engine.run.RunConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code engine study} with the OneMax fake: every run a run folder, resumable, compared at equal cost. */
class StudyTest {

    static final String PLAN = """
            {"name": "onemax", "seed": 11,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "onemax", "options": {"length": 16}},
             "backend": {"id": "onemax"},
             "training": {"epochs": 1},
             "search": {"population": 6, "generations": 5, "mutationProbability": 0.06, "selector": "tournament",
                        "tournamentSize": 3, "elites": 1},
             "final": {"epochs": 2}}
            """;

    static final StudyDesign DESIGN = new StudyDesign(List.of(Strategy.GA, Strategy.RANDOM), List.of(1L, 2L, 3L), false);

    @TempDir
    Path dir;

    static Plan plan() {
        return PlanReader.parse(PLAN, "test", "onemax");
    }

    static StudyResult study(Path out, OneMaxPlugin plugin) {
        return new Study(plan(), DESIGN, PluginRegistry.load(List.of(), List.of(plugin)), RunConsole.silent()).run(out);
    }

    @Test
    void everyArmAndSeedIsARunFolderAndTheArmsAreComparedAtEqualNetworks() throws IOException {
        StudyResult result = study(dir.resolve("study"), new OneMaxPlugin());
        assertThat(result.runs()).extracting(StudyRun::folder).containsExactly(
                "ga-seed1", "ga-seed2", "ga-seed3", "random-seed1", "random-seed2", "random-seed3");
        for (StudyRun run : result.runs()) {
            assertThat(dir.resolve("study").resolve(run.folder()).resolve("summary.json")).exists();
            assertThat(run.trained()).isEqualTo(6 + 4 * 5);
            assertThat(run.curve()).hasNumberOfRows(run.trained());
            assertThat(run.testAccuracy()).as("no final training unless --final").isNull();
        }
        assertThat(result.budget()).isEqualTo(26);
        // on OneMax the GA climbs where random search does not
        assertThat(result.medians().get("ga")).isGreaterThan(result.medians().get("random"));
        for (String file : List.of(Study.JSON, Study.CSV, Study.HTML, "study/best-by-networks.png", "study/best-by-seconds.png")) {
            assertThat(dir.resolve("study").resolve(file)).exists();
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("study").resolve(Study.JSON).toFile());
        assertThat(json.get("runs")).hasSize(6);
        assertThat(json.get("runs").get(0).get("curve").get(0)).hasSize(2);
        assertThat(json.get("medians").get("ga").asDouble()).isEqualTo(result.medians().get("ga"));
        assertThat(Files.readAllLines(dir.resolve("study").resolve(Study.CSV))).hasSize(7);

        // seed by seed: the arms' runs of each seed paired, at equal networks and within equal seconds
        assertThat(result.comparisons()).extracting(ArmComparison::basis)
                .containsExactly(ArmComparison.Basis.NETWORKS, ArmComparison.Basis.SECONDS);
        ArmComparison atNetworks = result.comparisons().get(0);
        assertThat(atNetworks.arm()).isEqualTo("ga");
        assertThat(atNetworks.against()).isEqualTo("random");
        assertThat(atNetworks.wins() + atNetworks.losses() + atNetworks.ties()).isEqualTo(3);
        long gaAhead = List.of(1L, 2L, 3L).stream().filter(seed -> best(result, "ga", seed) > best(result, "random", seed)).count();
        assertThat(atNetworks.wins()).isEqualTo(gaAhead);
        assertThat(atNetworks.pValue()).isEqualTo(ArmComparison.signTest(atNetworks.wins(), atNetworks.losses()));
        assertThat(json.get("comparisons").get(0).get("wins").asInt()).isEqualTo(atNetworks.wins());
        assertThat(json.get("comparisons").get(1).get("basis").asText()).isEqualTo("seconds");
        assertThat(result.table()).contains("Seed by seed (the sign test, two-sided; ties left out):",
                "  ga against random at 26 networks: " + atNetworks.split());
        assertThat(Files.readString(dir.resolve("study").resolve(Study.HTML))).contains("<h2>Seed by seed</h2>",
                "<td>ga</td><td>random</td><td>at 26 networks</td><td class=\"num\">" + atNetworks.wins() + "</td>");
    }

    static double best(StudyResult result, String arm, long seed) {
        return result.runsOf(arm).stream().filter(r -> r.seed() == seed).findFirst().orElseThrow().bestAfter(result.budget());
    }

    @Test
    void aStudyRunAgainOnItsFinishedFolderTrainsNothing() throws IOException {
        study(dir.resolve("study"), new OneMaxPlugin());
        String json = Files.readString(dir.resolve("study").resolve(Study.JSON));
        OneMaxPlugin again = new OneMaxPlugin();
        study(dir.resolve("study"), again);
        assertThat(again.trainings.get()).isZero();
        assertThat(Files.readString(dir.resolve("study").resolve(Study.JSON))).isEqualTo(json);
    }

    @Test
    void aStudyKilledMidwayFinishesWithTheStudyOfAnUninterruptedOne() throws IOException {
        study(dir.resolve("straight"), new OneMaxPlugin());

        OneMaxPlugin dying = new OneMaxPlugin();
        dying.crashAt = k -> k == 60;   // inside the third run
        assertThatThrownBy(() -> study(dir.resolve("killed"), dying)).isInstanceOf(Error.class);
        assertThat(dir.resolve("killed").resolve(Study.JSON)).doesNotExist();
        OneMaxPlugin resumed = new OneMaxPlugin();
        study(dir.resolve("killed"), resumed);

        assertThat(resumed.trainings.get()).isLessThan(6 * 26 - 55);
        assertThat(withoutTimes(dir.resolve("killed"))).isEqualTo(withoutTimes(dir.resolve("straight")));
    }

    @Test
    void prunersAreArmsOfTheirOwn() {
        StudyDesign design = new StudyDesign(List.of(Strategy.GA), List.of(Pruner.NONE, Pruner.MEDIAN), List.of(1L), false);
        StudyResult result = new Study(plan(), design, PluginRegistry.load(List.of(), List.of(new OneMaxPlugin())),
                RunConsole.silent()).run(dir.resolve("pruners"));
        assertThat(result.arms()).containsExactly("ga+none", "ga+median");
        assertThat(result.runs()).extracting(StudyRun::folder).containsExactly("ga-none-seed1", "ga-median-seed1");
        RunRecord median = RunRecord.read(dir.resolve("pruners").resolve("ga-median-seed1"));
        assertThat(median.plan().training().pruner()).isEqualTo(Pruner.MEDIAN);
        assertThat(median.plan().training().checkpoints()).containsExactly(0.25, 0.5);
        assertThat(median.count(TrialStatus.PRUNED)).isPositive();
        assertThat(RunRecord.read(dir.resolve("pruners").resolve("ga-none-seed1")).count(TrialStatus.PRUNED)).isZero();
    }

    @Test
    void aMultiObjectiveStudyComparesTheHypervolumeOfItsFronts() {
        Plan plan = PlanReader.parse(PLAN.replace("\"elites\": 1}", "\"elites\": 2, \"objectives\": [\"accuracy\", \"params\"]}"),
                "test", "onemax");
        StudyDesign design = new StudyDesign(List.of(Strategy.GA, Strategy.RANDOM), List.of(1L), false);
        StudyResult result = new Study(plan, design, PluginRegistry.load(List.of(), List.of(new OneMaxPlugin())),
                RunConsole.silent()).run(dir.resolve("pareto"));
        assertThat(result.hypervolumeMedians()).containsOnlyKeys("ga", "random");
        assertThat(result.hypervolumeMedians().values()).allSatisfy(hv -> assertThat(hv).isBetween(0.0, 1.0).isPositive());
        assertThat(result.runs()).allSatisfy(r -> {
            assertThat(r.hypervolumeCurve()).hasNumberOfRows(r.curve().length);
            // a front only grows: its hypervolume never falls
            for (int i = 1; i < r.hypervolumeCurve().length; i++) {
                assertThat(r.hypervolumeCurve()[i][1]).isGreaterThanOrEqualTo(r.hypervolumeCurve()[i - 1][1]);
            }
        });
        assertThat(result.table()).contains("Median hypervolume of the fronts at " + result.budget() + " networks: ga ");
    }

    /** study.json without what differs between processes: wall and training seconds, and comparisons within seconds. */
    static JsonNode withoutTimes(Path studyDir) throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(studyDir.resolve(Study.JSON).toFile());
        json.remove(List.of("secondsBudget", "secondsMedians"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("comparisons"))
                .removeIf(c -> c.get("basis").asText().equals(ArmComparison.Basis.SECONDS.id()));
        json.get("runs").forEach(r -> ((ObjectNode) r).remove(List.of("seconds", "trainingSeconds", "secondsCurve")));
        return json;
    }
}
