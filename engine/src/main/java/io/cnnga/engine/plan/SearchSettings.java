package io.cnnga.engine.plan;

/**
 * The plan's {@code search} section: the genetic algorithm and the cost bounds of its candidates.
 *
 * <pre>{@code
 * SearchSettings paper = SearchSettings.paper();   // population 4, 20 generations, mutation 0.25
 * }</pre>
 *
 * @param population           genomes per generation (paper: 4)
 * @param generations          generations to evolve (paper: 20)
 * @param mutationProbability  probability that each bit flips (paper: 1 / population)
 * @param crossoverProbability probability that a pair undergoes single-point crossover
 * @param selector             how parents are chosen (the paper's: roulette)
 * @param tournamentSize       contestants per tournament, when the selector is {@code tournament}
 * @param elites               best genomes copied unchanged into the next generation
 * @param maxForwardFlops      networks with more forward FLOPs per image are never trained; 0 = no bound
 * @param maxParams            networks with more parameters are never trained; 0 = no bound
 * @param trainLimit           trials train on a stratified sample of this many training images
 *                             (the final network on all of them); 0 = all
 * @param strategy             the genetic algorithm, or random search as a baseline
 * @param repair               what becomes of a child over the budget (or that the decoder cannot build)
 * @param distinctChildren     whether every child must be a network not evaluated before (a child that
 *                             is not, a copy of its parent above all, is mutated until it is); the
 *                             paper's GA lets copies through, and they cost nothing here but a slot
 */
public record SearchSettings(int population, int generations, double mutationProbability,
                             double crossoverProbability, Selector selector, int tournamentSize, int elites,
                             double maxForwardFlops, double maxParams, int trainLimit, Strategy strategy,
                             Repair repair, boolean distinctChildren) {

    /**
     * The paper's genetic algorithm. It had no budget, so {@code repair} does not matter to it; it
     * trained whatever the operators produced, copies included.
     */
    public static SearchSettings paper() {
        return new SearchSettings(4, 20, 0.25, 0.6, Selector.ROULETTE, 2, 1, 0, 0, 0, Strategy.GA, Repair.NEAREST, false);
    }

    /** The same settings with another strategy. */
    public SearchSettings withStrategy(Strategy newStrategy) {
        return new SearchSettings(population, generations, mutationProbability, crossoverProbability, selector,
                tournamentSize, elites, maxForwardFlops, maxParams, trainLimit, newStrategy, repair, distinctChildren);
    }

    /** The bounds {@code maxForwardFlops} and {@code maxParams} set. */
    public SearchBudget budget() {
        return new SearchBudget(maxForwardFlops, maxParams);
    }
}
