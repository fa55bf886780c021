package io.cnnga.engine.run;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.engine.evolution.GeneticSearch;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.SearchBudget;
import io.cnnga.engine.plan.SearchSettings;

/**
 * The genetic search a plan describes: its {@code search} settings, its seed, and its budget
 * ({@code maxForwardFlops}, {@code maxParams}) as the test of which genomes may be trained.
 *
 * <pre>{@code
 * GeneticSearch search = PlanSearch.of(plan, decoder, data.info());
 * List<Genome> generation0 = search.firstGeneration();   // what 'engine run' trains first
 * }</pre>
 *
 * <p>{@code engine run} and {@code engine compare} both build their search here, so compare's
 * default genomes are exactly the run's first generation.
 */
public final class PlanSearch {

    private PlanSearch() {
    }

    public static GeneticSearch of(Plan plan, Decoder decoder, DataInfo info) {
        SearchSettings s = plan.search();
        SearchBudget budget = s.budget();
        return GeneticSearch.builder(decoder.genomeLength())
                .population(s.population())
                .generations(s.generations())
                .mutationProbability(s.mutationProbability())
                .crossoverProbability(s.crossoverProbability())
                .selector(s.selector())
                .tournamentSize(s.tournamentSize())
                .elites(s.elites())
                .seed(plan.seed())
                .valid(genome -> budget.admits(decoder.decode(genome, info)))
                .build();
    }
}
