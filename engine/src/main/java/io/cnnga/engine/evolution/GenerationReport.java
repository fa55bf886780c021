package io.cnnga.engine.evolution;

import io.cnnga.api.TrialResult;

import java.util.List;

/**
 * One generation of a {@link GeneticSearch}, as it ended.
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
 * @param replaced   genomes replaced by random ones because their network broke the budget
 */
public record GenerationReport(int generation, List<TrialResult> results, List<Member> population,
                               double best, double mean, int replaced) {

    /** A genome of the population and its fitness. */
    public record Member(String genome, double fitness) {
    }
}
