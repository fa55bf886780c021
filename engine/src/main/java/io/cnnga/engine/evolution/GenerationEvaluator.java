package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.cnnga.api.TrialResult;

import java.util.List;

/**
 * Gives the genomes of one generation their results, in order: trains them, takes them from a
 * cache, or replays them from a journal. The {@link Search} does not care which.
 *
 * <pre>{@code
 * GenerationEvaluator onesCount = (generation, genomes) -> ...;
 * }</pre>
 */
@FunctionalInterface
public interface GenerationEvaluator {

    List<TrialResult> evaluate(int generation, List<Genome> genomes);
}
