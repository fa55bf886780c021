package io.cnnga.engine.evolution;

import io.cnnga.engine.plan.Selector;
import io.cnnga.api.Genome;
import io.cnnga.api.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GeneticSearchTest {

    /** Fitness = share of ones; records every genome it was asked for. */
    static GenerationEvaluator oneMax(List<String> asked) {
        return (generation, genomes) -> {
            List<TrialResult> out = new ArrayList<>();
            for (int i = 0; i < genomes.size(); i++) {
                Genome g = genomes.get(i);
                asked.add(generation + ":" + g);
                double fitness = g.bits().chars().filter(c -> c == '1').count() / (double) g.length();
                out.add(new TrialResult(generation, i, g, io.cnnga.api.TrialStatus.COMPLETE, fitness, List.of(),
                        0, 0, 0, ""));
            }
            return out;
        };
    }

    static GeneticSearch.Builder paperLike(long seed) {
        return GeneticSearch.builder(GenomeSpace.all(20)).population(4).generations(6).mutationProbability(0.25)
                .crossoverProbability(0.6).selector(Selector.ROULETTE).elites(1).seed(seed);
    }

    @Test
    void sameSeedAndFitnessGiveTheSameGenomes() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        paperLike(5).build().run(oneMax(a), r -> { });
        paperLike(5).build().run(oneMax(b), r -> { });
        assertThat(a).isEqualTo(b).hasSize(4 + 5 * 3);
    }

    @Test
    void otherSeedOtherGenomes() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        paperLike(5).build().run(oneMax(a), r -> { });
        paperLike(6).build().run(oneMax(b), r -> { });
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void eliteSurvivesUnchangedSoTheBestNeverDrops() {
        List<GenerationReport> reports = paperLike(3).generations(10).build().run(oneMax(new ArrayList<>()), r -> { });
        for (int g = 1; g < reports.size(); g++) {
            assertThat(reports.get(g).best()).isGreaterThanOrEqualTo(reports.get(g - 1).best());
        }
    }

    @Test
    void invalidGenomesAreReplacedBeforeEvaluationAndCounted() {
        List<String> asked = new ArrayList<>();
        GenomeSpace halfOverBudget = new GenomeSpace(20, g -> g.bit(0) ? Optional.of("over budget") : Optional.empty());
        List<GenerationReport> reports = GeneticSearch.builder(halfOverBudget).population(4).generations(6)
                .mutationProbability(0.25).crossoverProbability(0.6).selector(Selector.ROULETTE).elites(1).seed(8)
                .build().run(oneMax(asked), r -> { });
        assertThat(asked).allSatisfy(s -> assertThat(s.split(":")[1]).startsWith("0"));
        assertThat(reports.stream().mapToInt(GenerationReport::replaced).sum()).isPositive();
    }

    @Test
    void tournamentSelectionFindsTheOptimumOfASmallSpace() {
        List<GenerationReport> reports = GeneticSearch.builder(GenomeSpace.all(8)).population(12).generations(25)
                .mutationProbability(0.08).selector(Selector.TOURNAMENT).tournamentSize(3).elites(2).seed(1)
                .build().run(oneMax(new ArrayList<>()), r -> { });
        assertThat(reports.get(reports.size() - 1).best()).isEqualTo(1.0);
    }
}
