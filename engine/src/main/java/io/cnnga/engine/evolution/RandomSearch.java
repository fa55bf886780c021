package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.jenetics.util.RandomRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Random search, the baseline every other search must beat: generation 0 as the
 * {@link GeneticSearch} draws it, then in every generation as many new uniformly random valid
 * genomes as the genetic algorithm makes children ({@code population − elites}), each a network
 * not evaluated before.
 *
 * <pre>{@code
 * Search random = new RandomSearch(space, 6, 5, 1, 42, genome -> decoder.decode(genome, info));
 * random.run(evaluator, report -> log(report));   // 6 + 4 × 5 = 26 genomes evaluated
 * }</pre>
 *
 * <p>Its population, for the reports, is the {@code elites} best genomes so far and the new ones.
 *
 * @implSpec As {@link Search} says; the same seed draws the same generation 0 as the genetic
 * algorithm, so the two differ only by what comes after it.
 */
public final class RandomSearch implements Search {

    private final GenomeSpace space;
    private final int population;
    private final int generations;
    private final int elites;
    private final long seed;
    private final Function<Genome, Object> network;

    /**
     * @param network what a genome's network is: genomes with equal networks are one
     */
    public RandomSearch(GenomeSpace space, int population, int generations, int elites, long seed,
                        Function<Genome, Object> network) {
        if (population < 2 || generations < 1 || elites < 0 || elites >= population) {
            throw new IllegalArgumentException("need population >= 2, generations >= 1, 0 <= elites < population");
        }
        this.space = space;
        this.population = population;
        this.generations = generations;
        this.elites = elites;
        this.seed = seed;
        this.network = network;
    }

    @Override
    public List<GenerationReport> run(GenerationEvaluator evaluator, Consumer<GenerationReport> observer) {
        NetworkMemory memory = new NetworkMemory(network);
        List<TrialResult> all = new ArrayList<>();
        List<GenerationReport> reports = new ArrayList<>();
        for (int g = 0; g < generations; g++) {
            memory.newGeneration();
            int count = g == 0 ? population : population - elites;
            List<Genome> genomes = RandomRegistry.with(new SplittableRandom(GenerationSeed.of(seed, g)),
                    random -> Draws.validGenomes(space, count, memory, true));
            List<TrialResult> results = evaluator.evaluate(g, genomes);
            if (results.size() != genomes.size()) {
                throw new IllegalStateException(genomes.size() + " genomes but " + results.size() + " results");
            }
            genomes.forEach(memory::evaluated);
            List<TrialResult> kept = best(all, g == 0 ? 0 : elites);
            all.addAll(results);
            List<GenerationReport.Member> members = new ArrayList<>();
            kept.forEach(r -> members.add(new GenerationReport.Member(r.genome().bits(), r.fitness())));
            results.forEach(r -> members.add(new GenerationReport.Member(r.genome().bits(), r.fitness())));
            double best = members.stream().mapToDouble(GenerationReport.Member::fitness).max().orElse(0);
            double mean = members.stream().mapToDouble(GenerationReport.Member::fitness).average().orElse(0);
            GenerationReport report = new GenerationReport(g, results, members, best, mean, 0, 0);
            reports.add(report);
            observer.accept(report);
        }
        return List.copyOf(reports);
    }

    @Override
    public List<Genome> firstGeneration() {
        return RandomRegistry.with(new SplittableRandom(GenerationSeed.of(seed, 0)),
                random -> Draws.validGenomes(space, population, new NetworkMemory(network), true));
    }

    /** The {@code n} fittest results that did not fail, fittest first, earliest first among equals. */
    private static List<TrialResult> best(List<TrialResult> all, int n) {
        return all.stream().filter(r -> r.status() != TrialStatus.FAILED)
                .sorted(Comparator.comparingDouble(TrialResult::fitness).reversed()).limit(n).toList();
    }
}
