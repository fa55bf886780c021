package io.cnnga.engine.run;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.engine.evolution.GeneticSearch;
import io.cnnga.engine.evolution.GenomeSpace;
import io.cnnga.engine.evolution.RandomSearch;
import io.cnnga.engine.evolution.Search;
import io.cnnga.engine.evolution.SelectionFitness;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.plan.Pruner;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.SearchBudget;
import io.cnnga.engine.plan.SearchSettings;

import java.util.function.Consumer;

/**
 * The search a plan describes: its {@code search} settings and seed, over the genomes whose
 * network the decoder builds within the plan's budget ({@code maxForwardFlops}, {@code maxParams}).
 *
 * <pre>{@code
 * Search search = PlanSearch.of(plan, decoder, data.info(), message -> console.message(message));
 * List<Genome> generation0 = search.firstGeneration();   // what 'engine run' trains first
 * }</pre>
 *
 * <p>{@code engine run} and {@code engine compare} both build their search here, so compare's
 * default genomes are exactly the run's first generation. Two genomes are the same network when
 * the decoder gives equal {@code ModelSpec}s.
 */
public final class PlanSearch {

    private PlanSearch() {
    }

    /**
     * @param log told of each child the decoder cannot build, with its genome and the reason
     */
    public static Search of(Plan plan, Decoder decoder, DataInfo info, Consumer<String> log) {
        SearchSettings s = plan.search();
        GenomeSpace space = space(plan, decoder, info);
        return switch (s.strategy()) {
            case RANDOM -> new RandomSearch(space, s.population(), s.generations(), s.elites(), plan.seed(),
                    genome -> decoder.decode(genome, info));
            case GA -> GeneticSearch.builder(space)
                    .population(s.population())
                    .generations(s.generations())
                    .mutationProbability(s.mutationProbability())
                    .crossoverProbability(s.crossoverProbability())
                    .selector(s.selector())
                    .tournamentSize(s.tournamentSize())
                    .elites(s.elites())
                    .seed(plan.seed())
                    .repair(s.repair())
                    .distinctChildren(s.distinctChildren())
                    .network(genome -> decoder.decode(genome, info))
                    .selectionFitness(plan.training().pruner() == Pruner.NONE ? TrialResult::fitness
                            : SelectionFitness::withPruner)
                    .log(log)
                    .build();
        };
    }

    /** The genomes the plan may train: those the decoder builds into a network within the budget. */
    public static GenomeSpace space(Plan plan, Decoder decoder, DataInfo info) {
        SearchBudget budget = plan.search().budget();
        return new GenomeSpace(decoder.genomeLength(), genome -> budget.violation(decoder.decode(genome, info)));
    }
}
