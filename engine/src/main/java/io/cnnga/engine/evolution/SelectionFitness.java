package io.cnnga.engine.evolution;

import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;

/**
 * What the genetic algorithm ranks trials by when a pruner stops some early: a pruned trial's
 * fitness is its validation accuracy where it stopped, which is not comparable with a complete
 * trial's, so complete trials rank first, then pruned ones, then failed ones, each by accuracy.
 *
 * <pre>{@code
 * GeneticSearch.builder(space).selectionFitness(SelectionFitness::withPruner)...
 * SelectionFitness.withPruner(complete);   // its accuracy, in [0, 1]
 * SelectionFitness.withPruner(pruned);     // its accuracy − 1, in [−1, 0)
 * SelectionFitness.withPruner(failed);     // −2
 * }</pre>
 *
 * <p>A trial stopped by its time limit ranks as one a pruner stopped. Without a pruner the GA
 * ranks by fitness alone, as the paper's does (and as runs made before pruners resume).
 */
public final class SelectionFitness {

    private SelectionFitness() {
    }

    public static double withPruner(TrialResult r) {
        if (r.status() == TrialStatus.FAILED) {
            return -2;
        }
        boolean stopped = r.status() == TrialStatus.PRUNED || (r.status() == TrialStatus.CACHED && r.stop() != null);
        return stopped ? r.fitness() - 1 : r.fitness();
    }
}
