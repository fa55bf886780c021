package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.plan.Selector;
import io.jenetics.BitGene;
import io.jenetics.EliteSelector;
import io.jenetics.Genotype;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.RouletteWheelSelector;
import io.jenetics.SinglePointCrossover;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.util.Factory;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The genetic algorithm over bit genomes, on Jenetics: fitness-proportional (roulette) or
 * tournament selection, single-point crossover, per-bit flip mutation, elitism, and a budget
 * constraint that replaces genomes whose network is too costly before they are ever evaluated.
 *
 * <pre>{@code
 * GeneticSearch search = GeneticSearch.builder(20)
 *         .population(4).generations(20).mutationProbability(0.25).crossoverProbability(0.6)
 *         .selector(Selector.ROULETTE).elites(1).seed(42)
 *         .valid(genome -> decoder.decode(genome, info).forwardFlops() <= 2e8)
 *         .build();
 * List<GenerationReport> history = search.run(evaluator, report -> log(report));
 * }</pre>
 *
 * <p>Every random draw of generation {@code g} comes from a stream seeded by
 * {@link GenerationSeed#of(long, int)}, and Jenetics runs on the calling thread, so the genomes
 * depend only on the plan and on the fitness values: replaying a journal's fitness values
 * reproduces a run exactly. Elites survive unchanged and keep their fitness; every other member
 * of a new generation is evaluated, through the {@link GenerationEvaluator}, in one batch.
 */
public final class GeneticSearch {

    private final int genomeLength;
    private final int population;
    private final int generations;
    private final double mutationProbability;
    private final double crossoverProbability;
    private final Selector selector;
    private final int tournamentSize;
    private final int elites;
    private final long seed;
    private final Predicate<Genome> valid;

    private GeneticSearch(Builder b) {
        this.genomeLength = b.genomeLength;
        this.population = b.population;
        this.generations = b.generations;
        this.mutationProbability = b.mutationProbability;
        this.crossoverProbability = b.crossoverProbability;
        this.selector = b.selector;
        this.tournamentSize = b.tournamentSize;
        this.elites = b.elites;
        this.seed = b.seed;
        this.valid = b.valid;
    }

    public static Builder builder(int genomeLength) {
        return new Builder(genomeLength);
    }

    /**
     * Evolves {@code generations} generations (generation 0 being the random start).
     *
     * @param evaluator gives each batch of new genomes its results
     * @param observer  told after each generation
     * @return one report per generation
     */
    public List<GenerationReport> run(GenerationEvaluator evaluator, Consumer<GenerationReport> observer) {
        Factory<Genotype<BitGene>> genotypes = GenomeCodec.of(genomeLength).encoding();
        BudgetConstraint constraint = new BudgetConstraint(valid, genotypes);

        BatchEvaluator batch = new BatchEvaluator(evaluator);
        Engine<BitGene, Double> engine = new Engine.Builder<>(batch, genotypes)
                .optimize(Optimize.MAXIMUM)
                .populationSize(population)
                .offspringSize(population - elites)
                .survivorsSize(elites)
                .survivorsSelector(elites > 0 ? new EliteSelector<>(elites) : selector())
                .offspringSelector(selector())
                .alterers(new SinglePointCrossover<>(crossoverProbability), new BitFlipMutator<>(mutationProbability))
                .constraint(constraint)
                .maximalPhenotypeAge(Long.MAX_VALUE / 4)
                // Everything on this thread: the seeded random stream is thread-scoped.
                .executor(Runnable::run)
                .build();

        List<GenerationReport> reports = new ArrayList<>();
        ISeq<Phenotype<BitGene, Double>> current = null;
        for (int g = 0; g < generations; g++) {
            constraint.resetCount();
            batch.generation = g;
            batch.results.clear();
            ISeq<Phenotype<BitGene, Double>> previous = current;
            int generation = g;
            current = RandomRegistry.with(new SplittableRandom(GenerationSeed.of(seed, g)), random -> {
                if (previous == null) {
                    return engine.eval(ISeq.of(start(genotypes, constraint)));
                }
                EvolutionResult<BitGene, Double> result = engine.evolve(EvolutionStart.of(previous, generation));
                return result.population();
            });
            GenerationReport report = report(g, current, List.copyOf(batch.results), constraint.replaced());
            reports.add(report);
            observer.accept(report);
        }
        return List.copyOf(reports);
    }

    /**
     * The genomes of generation 0, in order, exactly as {@link #run} draws them (random, with
     * genomes over budget replaced), without evaluating any: what {@code engine compare} trains
     * by default.
     */
    public List<Genome> firstGeneration() {
        Factory<Genotype<BitGene>> genotypes = GenomeCodec.of(genomeLength).encoding();
        BudgetConstraint constraint = new BudgetConstraint(valid, genotypes);
        List<Phenotype<BitGene, Double>> start = RandomRegistry.with(new SplittableRandom(GenerationSeed.of(seed, 0)),
                random -> start(genotypes, constraint));
        return start.stream().map(pt -> GenomeCodec.decode(pt.genotype())).toList();
    }

    /** Generation 0 before evaluation; draws from the random stream of the calling scope. */
    private List<Phenotype<BitGene, Double>> start(Factory<Genotype<BitGene>> genotypes, BudgetConstraint constraint) {
        List<Phenotype<BitGene, Double>> start = new ArrayList<>(population);
        for (int i = 0; i < population; i++) {
            Phenotype<BitGene, Double> pt = Phenotype.of(genotypes.newInstance(), 0);
            start.add(constraint.test(pt) ? pt : constraint.repair(pt, 0));
        }
        return start;
    }

    private io.jenetics.Selector<BitGene, Double> selector() {
        return switch (selector) {
            case TOURNAMENT -> new TournamentSelector<>(tournamentSize);
            case ROULETTE -> new RouletteWheelSelector<>();
        };
    }

    private static GenerationReport report(int generation, ISeq<Phenotype<BitGene, Double>> population,
                                           List<TrialResult> results, int replaced) {
        List<GenerationReport.Member> members = population.stream()
                .map(pt -> new GenerationReport.Member(GenomeCodec.decode(pt.genotype()).bits(), pt.fitness()))
                .toList();
        double best = members.stream().mapToDouble(GenerationReport.Member::fitness).max().orElse(0);
        double mean = members.stream().mapToDouble(GenerationReport.Member::fitness).average().orElse(0);
        return new GenerationReport(generation, results, members, best, mean, replaced);
    }

    /** Jenetics' batch evaluator: unevaluated phenotypes go to the generation evaluator at once. */
    private static final class BatchEvaluator implements io.jenetics.engine.Evaluator<BitGene, Double> {
        private final GenerationEvaluator delegate;
        private final List<TrialResult> results = new ArrayList<>();
        private int generation;

        BatchEvaluator(GenerationEvaluator delegate) {
            this.delegate = delegate;
        }

        @Override
        public ISeq<Phenotype<BitGene, Double>> eval(Seq<Phenotype<BitGene, Double>> population) {
            List<Integer> pending = new ArrayList<>();
            List<Genome> genomes = new ArrayList<>();
            for (int i = 0; i < population.size(); i++) {
                if (!population.get(i).isEvaluated()) {
                    pending.add(i);
                    genomes.add(GenomeCodec.decode(population.get(i).genotype()));
                }
            }
            if (pending.isEmpty()) {
                return population.asISeq();
            }
            List<TrialResult> evaluated = delegate.evaluate(generation, genomes);
            if (evaluated.size() != genomes.size()) {
                throw new IllegalStateException(genomes.size() + " genomes but " + evaluated.size() + " results");
            }
            results.addAll(evaluated);
            @SuppressWarnings("unchecked")
            Phenotype<BitGene, Double>[] out = population.asISeq().toArray(new Phenotype[0]);
            for (int k = 0; k < pending.size(); k++) {
                int i = pending.get(k);
                out[i] = out[i].withFitness(evaluated.get(k).fitness());
            }
            return ISeq.of(out);
        }
    }

    /** Builds an immutable {@link GeneticSearch}; defaults are the paper's. */
    public static final class Builder {
        private final int genomeLength;
        private int population = 4;
        private int generations = 20;
        private double mutationProbability = -1;
        private double crossoverProbability = 0.6;
        private Selector selector = Selector.ROULETTE;
        private int tournamentSize = 2;
        private int elites = 1;
        private long seed = 42;
        private Predicate<Genome> valid = genome -> true;

        private Builder(int genomeLength) {
            if (genomeLength < 1) {
                throw new IllegalArgumentException("genome length must be >= 1");
            }
            this.genomeLength = genomeLength;
        }

        public Builder population(int value) {
            this.population = value;
            return this;
        }

        public Builder generations(int value) {
            this.generations = value;
            return this;
        }

        public Builder mutationProbability(double value) {
            this.mutationProbability = value;
            return this;
        }

        public Builder crossoverProbability(double value) {
            this.crossoverProbability = value;
            return this;
        }

        public Builder selector(Selector value) {
            this.selector = value;
            return this;
        }

        public Builder tournamentSize(int value) {
            this.tournamentSize = value;
            return this;
        }

        public Builder elites(int value) {
            this.elites = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Genomes failing this are replaced before evaluation (the budget). */
        public Builder valid(Predicate<Genome> value) {
            this.valid = value;
            return this;
        }

        public GeneticSearch build() {
            if (population < 2 || generations < 1 || elites < 0 || elites >= population) {
                throw new IllegalArgumentException("need population >= 2, generations >= 1, 0 <= elites < population");
            }
            if (mutationProbability < 0) {
                mutationProbability = 1.0 / population;
            }
            if (selector == null) {
                throw new IllegalArgumentException("a selector is required");
            }
            return new GeneticSearch(this);
        }
    }
}
