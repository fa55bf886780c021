package io.cnnga.engine.run;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.engine.evolution.GeneticSearch;
import io.cnnga.engine.evolution.GenomeSpace;
import io.cnnga.engine.evolution.RandomSearch;
import io.cnnga.engine.evolution.Search;
import io.cnnga.engine.evolution.SelectionFitness;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.plan.Objective;
import io.cnnga.engine.plan.Pruner;
import io.cnnga.engine.pareto.ObjectiveValues;
import io.cnnga.api.TrialStatus;
import io.jenetics.ext.moea.Vec;
import java.util.List;
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
            case GA -> ga(plan, decoder, info, space, log);
        };
    }

    private static GeneticSearch ga(Plan plan, Decoder decoder, DataInfo info, GenomeSpace space, Consumer<String> log) {
        SearchSettings s = plan.search();
        java.util.function.ToDoubleFunction<TrialResult> accuracy = plan.training().pruner() == Pruner.NONE
                ? TrialResult::fitness : SelectionFitness::withPruner;
        GeneticSearch.Builder builder = GeneticSearch.builder(space)
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
                .selectionFitness(accuracy)
                    .log(log);
        if (s.multiObjective()) {
            builder.objectives(r -> Vec.of(objectiveValues(r, s.objectives(), accuracy)));
        }
        return builder.build();
    }

    /**
     * What NSGA-II maximises for a result: its accuracy as selection ranks it, and its costs
     * negated; a failed trial is worst in every objective (a failed cheap network must not sit on
     * the first front), and so is a latency never measured.
     */
    static double[] objectiveValues(TrialResult r, List<Objective> objectives,
                                    java.util.function.ToDoubleFunction<TrialResult> accuracy) {
        double worst = -1e30;
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            Objective o = objectives.get(i);
            if (o == Objective.ACCURACY) {
                v[i] = accuracy.applyAsDouble(r);
            } else if (r.status() == TrialStatus.FAILED) {
                v[i] = worst;
            } else {
                double cost = ObjectiveValues.value(r, o);
                v[i] = Double.isFinite(cost) ? -cost : worst;
            }
        }
        return v;
    }

    /** The genomes the plan may train: those the decoder builds into a network within the budget. */
    public static GenomeSpace space(Plan plan, Decoder decoder, DataInfo info) {
        SearchBudget budget = plan.search().budget();
        return new GenomeSpace(decoder.genomeLength(), genome -> budget.violation(decoder.decode(genome, info)));
    }
}
