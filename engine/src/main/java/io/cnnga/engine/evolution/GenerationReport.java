package io.cnnga.engine.evolution;

import io.cnnga.api.TrialResult;

import java.util.List;

/**
 * One generation of a search, as it ended.
 *
 * <pre>{@code
 * search.run(evaluator, report -> System.out.println(report.generation() + " " + report.best()));
 * }</pre>
 *
 * @param generation 0-based
 * @param results    the results of the genomes evaluated in it (offspring; all of generation 0)
 * @param population the generation's whole population with fitness, elites included
 * @param best       best fitness in the population
 * @param mean       mean fitness in the population
 * @param repaired   children over the budget (or not buildable) moved to the nearest valid genome
 * @param drawn      children replaced by a random valid genome, no valid one being near (or the
 *                   plan's repair being {@code redraw})
 */
public record GenerationReport(int generation, List<TrialResult> results, List<Member> population,
                               double best, double mean, int repaired, int drawn) {

    public GenerationReport {
        results = List.copyOf(results);
        population = List.copyOf(population);
    }

    /** Children that did not go to evaluation as the operators made them. */
    public int replaced() {
        return repaired + drawn;
    }

    /** A genome of the population and its fitness. */
    public record Member(String genome, double fitness) {
    }
}
