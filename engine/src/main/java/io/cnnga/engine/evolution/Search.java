package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;

import java.util.List;
import java.util.function.Consumer;

/**
 * A search over bit genomes, generation by generation: the {@link GeneticSearch} or the
 * {@link RandomSearch} baseline.
 *
 * <pre>{@code
 * Search search = PlanSearch.of(plan, decoder, info, console::message);
 * List<Genome> first = search.firstGeneration();        // what a run trains first
 * List<GenerationReport> history = search.run(evaluator, report -> log(report));
 * }</pre>
 *
 * @implSpec Every random draw of generation {@code g} comes from a stream seeded by
 * {@link GenerationSeed#of(long, int)} and the search runs on the calling thread, so the genomes
 * depend only on the settings and on the fitness values the evaluator returns: replaying a
 * journal's results reproduces a run exactly. Each generation's new genomes go to the
 * {@link GenerationEvaluator} in one batch.
 */
public interface Search {

    /**
     * Runs every generation.
     *
     * @param evaluator gives each batch of new genomes its results
     * @param observer  told after each generation
     * @return one report per generation
     */
    List<GenerationReport> run(GenerationEvaluator evaluator, Consumer<GenerationReport> observer);

    /** The genomes of generation 0, in order, exactly as {@link #run} draws them, without evaluating any. */
    List<Genome> firstGeneration();
}
