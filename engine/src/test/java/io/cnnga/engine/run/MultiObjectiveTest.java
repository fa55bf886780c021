package io.cnnga.engine.run;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.evolution.GenerationEvaluator;
import io.cnnga.engine.evolution.GeneticSearch;
import io.cnnga.engine.evolution.GenomeSpace;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.ParetoEntry;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.pareto.ObjectiveValues;
import io.cnnga.engine.plan.Objective;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.jenetics.ext.moea.Vec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several objectives: NSGA-II, the Pareto front in summary.json, the final network it selects, and resume. */
class MultiObjectiveTest {

    static final String PLAN = """
            {"name": "pareto", "seed": 4,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "onemax", "options": {"length": 10}},
             "backend": {"id": "onemax"},
             "training": {"epochs": 1},
             "search": {"population": 12, "generations": 6, "mutationProbability": 0.1, "elites": 4,
                        "objectives": ["accuracy", "params"]},
             "final": %s}
            """;

    @TempDir
    Path dir;

    static Plan plan(String finalSection) {
        return PlanReader.parse(PLAN.formatted(finalSection), "test", "pareto");
    }

    /** OneMax against its cost: the share of ones up, one unit per one-bit of dense layers (and their weights) down. */
    static final DataInfo INFO = DataInfo.of("x", 4, 4, 1, 3);

    @Test
    void nsgaIiOnATwoObjectiveProblemFindsItsKnownFront() {
        io.cnnga.api.Decoder decoder = new OneMaxPlugin().decoders().get(0).create(io.cnnga.api.Options.of("d",
                java.util.Map.of("length", 8)));
        List<Objective> objectives = List.of(Objective.ACCURACY, Objective.PARAMS);
        GenerationEvaluator evaluator = (generation, genomes) -> {
            List<TrialResult> out = new ArrayList<>();
            for (int i = 0; i < genomes.size(); i++) {
                out.add(oneMax(generation, i, genomes.get(i), decoder));
            }
            return out;
        };
        GeneticSearch search = GeneticSearch.builder(GenomeSpace.all(8)).population(16).generations(25)
                .mutationProbability(0.12).crossoverProbability(0.7).elites(8).seed(3).distinctChildren(true)
                .network(g -> decoder.decode(g, INFO))
                .objectives(r -> Vec.of(ObjectiveValues.of(r, objectives).maximised()))
                .build();
        List<TrialResult> evaluated = new ArrayList<>();
        search.run(evaluator, report -> evaluated.addAll(report.results()));

        // the known front: all 256 genomes, compared pairwise
        List<TrialResult> everything = new ArrayList<>();
        for (int code = 0; code < 256; code++) {
            StringBuilder bits = new StringBuilder();
            for (int b = 7; b >= 0; b--) {
                bits.append((code >> b & 1) == 1 ? '1' : '0');
            }
            everything.add(oneMax(0, code, Genome.of(bits.toString()), decoder));
        }
        Set<String> known = frontValues(everything, objectives);
        Set<String> found = frontValues(evaluated, objectives);
        // every point it found on its front is on the true front, and it found most of the true front
        assertThat(known).containsAll(found);
        assertThat(found.size()).isGreaterThanOrEqualTo((int) Math.ceil(0.8 * known.size()));
    }

    private static TrialResult oneMax(int generation, int index, Genome g, io.cnnga.api.Decoder decoder) {
        ModelSpec spec = decoder.decode(g, INFO);
        double share = g.bits().chars().filter(c -> c == '1').count() / (double) g.length();
        return new TrialResult(generation, index, g, TrialStatus.COMPLETE, share, List.of(), spec.params(),
                spec.forwardFlops(), 0, "");
    }

    /** The objective values of the non-dominated results, found by comparing every pair. */
    private static Set<String> frontValues(List<TrialResult> results, List<Objective> objectives) {
        Set<String> out = new HashSet<>();
        for (TrialResult r : results) {
            ObjectiveValues v = ObjectiveValues.of(r, objectives);
            if (results.stream().noneMatch(o -> ObjectiveValues.of(o, objectives).dominates(v))) {
                out.add(v.get(0) + "/" + v.get(1));
            }
        }
        return out;
    }

    @Test
    void summaryParetoIsExactlyTheNonDominatedTrialsOfTheJournalAndTheKneeIsTrained() {
        Summary summary = SearchRunTest.run(plan("{\"epochs\": 1, \"select\": \"knee\", \"front\": true}"),
                dir.resolve("run"), new OneMaxPlugin());
        RunRecord run = RunRecord.read(dir.resolve("run"));
        List<Objective> objectives = List.of(Objective.ACCURACY, Objective.PARAMS);
        List<TrialResult> trained = run.trials().stream().map(RunRecord.Trial::result)
                .filter(r -> r.status() == TrialStatus.COMPLETE).toList();
        Set<String> bruteForce = new HashSet<>();
        for (TrialResult r : trained) {
            ObjectiveValues v = ObjectiveValues.of(r, objectives);
            if (trained.stream().noneMatch(o -> ObjectiveValues.of(o, objectives).dominates(v))) {
                bruteForce.add(r.genome().bits());
            }
        }
        assertThat(summary.pareto()).extracting(ParetoEntry::genome).containsExactlyInAnyOrderElementsOf(bruteForce);
        assertThat(summary.pareto()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(summary.pareto()).extracting(e -> e.objectives().get("accuracy")).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        ParetoEntry selected = summary.pareto().stream().filter(ParetoEntry::selected).findFirst().orElseThrow();
        assertThat(summary.bestGenome()).isEqualTo(selected.genome());
        // final.front: every member trained and tested, exported beside the selected one
        assertThat(summary.pareto()).allSatisfy(e -> assertThat(e.testAccuracy()).isNotNull());
        summary.pareto().stream().filter(e -> !e.selected())
                .forEach(e -> assertThat(dir.resolve("run/model").resolve(e.genome()).resolve("onemax.txt")).exists());
        assertThat(dir.resolve("run/model/onemax.txt")).hasContent(selected.genome());
        assertThat(dir.resolve("run/report/pareto-accuracy-params.png")).exists();
        // each export has its model card: the selected network's says final, the others' front
        assertThat(ModelCard.read(dir.resolve("run/model")).role()).isEqualTo(ModelCard.FINAL);
        summary.pareto().stream().filter(e -> !e.selected()).forEach(e -> {
            ModelCard card = ModelCard.read(dir.resolve("run/model").resolve(e.genome()));
            assertThat(card.role()).isEqualTo(ModelCard.FRONT);
            assertThat(card.genome()).isEqualTo(e.genome());
            assertThat(card.accuracy().test()).isEqualTo(e.testAccuracy());
        });
    }

    @Test
    void aFrontMembersLostModelCardIsWrittenAgainOnResumeWithoutTraining() throws IOException {
        Plan plan = plan("{\"epochs\": 1, \"front\": true}");
        Summary summary = SearchRunTest.run(plan, dir.resolve("run"), new OneMaxPlugin());
        ParetoEntry member = summary.pareto().stream().filter(e -> !e.selected()).findFirst().orElseThrow();
        Path card = dir.resolve("run/model").resolve(member.genome()).resolve(ModelCard.FILE);
        String before = Files.readString(card);
        Files.delete(card);
        OneMaxPlugin again = new OneMaxPlugin();
        SearchRunTest.run(plan, dir.resolve("run"), again);
        assertThat(again.trainings.get()).isZero();
        assertThat(card).hasContent(before);
    }

    @Test
    void aMultiObjectiveRunKilledAndResumedWritesTheUninterruptedJournal() {
        Plan plan = plan("{\"epochs\": 1}");
        SearchRunTest.run(plan, dir.resolve("straight"), new OneMaxPlugin());
        OneMaxPlugin dying = new OneMaxPlugin();
        dying.crashAt = k -> k == 30;
        assertThatThrownBy(() -> SearchRunTest.run(plan, dir.resolve("killed"), dying))
                .isInstanceOf(OneMaxPlugin.SimulatedCrash.class);
        SearchRunTest.run(plan, dir.resolve("killed"), new OneMaxPlugin());
        assertThat(ComparableJournal.of(dir.resolve("killed"))).isEqualTo(ComparableJournal.of(dir.resolve("straight")));
    }

    @Test
    void aConstraintNoFrontMemberMeetsIsOneClearLineBeforeTheFinalTrainingAndCanBeRelaxed() {
        Path out = dir.resolve("run");
        OneMaxPlugin plugin = new OneMaxPlugin();
        assertThatThrownBy(() -> SearchRunTest.run(plan("{\"epochs\": 1, \"select\": {\"maxParams\": 10}}"), out, plugin))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("final.select {\"maxParams\": 10.0}: no network on the Pareto front has parameters at most that")
                .hasMessageContaining("and only the final training runs");
        int searched = plugin.trainings.get();
        // the same plan with another final.select, in the same folder: the search is replayed
        OneMaxPlugin again = new OneMaxPlugin();
        Summary summary = SearchRunTest.run(plan("{\"epochs\": 1, \"select\": {\"maxParams\": 1e9}}"), out, again);
        assertThat(again.trainings.get()).as("only the final network, of " + searched).isEqualTo(1);
        assertThat(summary.pareto()).filteredOn(ParetoEntry::selected).singleElement()
                .satisfies(e -> assertThat(e.objectives().get("accuracy")).isEqualTo(summary.pareto().get(0).objectives().get("accuracy")));
    }
}
