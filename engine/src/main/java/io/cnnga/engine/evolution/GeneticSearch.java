package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.plan.Repair;
import io.cnnga.engine.plan.Selector;
import io.jenetics.Alterer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The genetic algorithm over bit genomes, on Jenetics: roulette or tournament selection,
 * single-point crossover, per-bit flip mutation, elitism, and a constraint ({@link ChildRepair})
 * that sends a child over the budget to the nearest valid genome before it is ever evaluated.
 *
 * <pre>{@code
 * GeneticSearch search = GeneticSearch.builder(GenomeSpace.all(20))
 *         .population(6).generations(5).mutationProbability(0.05).crossoverProbability(0.6)
 *         .selector(Selector.TOURNAMENT).tournamentSize(3).elites(1).seed(42)
 *         .build();
 * List<GenerationReport> history = search.run(evaluator, report -> log(report));
 * }</pre>
 *
 * <p>Generation 0 is drawn at random from the valid genomes. Every later generation keeps its
 * elites (unchanged, with their fitness) and fills the rest with children: parents selected,
 * crossed over, mutated; with {@code distinctChildren}, a child that is a network evaluated before
 * (a copy of its parent above all) gets a bit flipped, and a child that is still not a new valid
 * network is repaired to the nearest one that is, so every child costs one training and brings
 * new information.
 *
 * @implSpec As {@link Search} says: generation {@code g} draws from a stream seeded by
 * {@link GenerationSeed#of(long, int)}, and Jenetics runs on the calling thread.
 */
public final class GeneticSearch implements Search {

    private final GenomeSpace space;
    private final int population;
    private final int generations;
    private final double mutationProbability;
    private final double crossoverProbability;
    private final Selector selector;
    private final int tournamentSize;
    private final int elites;
    private final long seed;
    private final Repair repair;
    private final boolean distinctChildren;
    private final Function<Genome, Object> network;
    private final ToDoubleFunction<TrialResult> selectionFitness;
    private final Consumer<String> log;

    private GeneticSearch(Builder b) {
        this.space = b.space;
        this.population = b.population;
        this.generations = b.generations;
        this.mutationProbability = b.mutationProbability;
        this.crossoverProbability = b.crossoverProbability;
        this.selector = b.selector;
        this.tournamentSize = b.tournamentSize;
        this.elites = b.elites;
        this.seed = b.seed;
        this.repair = b.repair;
        this.distinctChildren = b.distinctChildren;
        this.network = b.network;
        this.selectionFitness = b.selectionFitness;
        this.log = b.log;
    }

    public static Builder builder(GenomeSpace space) {
        return new Builder(space);
    }

    @Override
    public List<GenerationReport> run(GenerationEvaluator evaluator, Consumer<GenerationReport> observer) {
        Factory<Genotype<BitGene>> genotypes = GenomeCodec.of(space.length()).encoding();
        NetworkMemory memory = new NetworkMemory(network);
        ChildRepair constraint = new ChildRepair(space, repair, memory, distinctChildren, log);
        BatchEvaluator batch = new BatchEvaluator(evaluator, memory, selectionFitness);
        List<Alterer<BitGene, Double>> alterers = new ArrayList<>(List.of(
                new SinglePointCrossover<>(crossoverProbability), new BitFlipMutator<>(mutationProbability)));
        if (distinctChildren) {
            alterers.add(new CopyMutator<>());
        }
        Engine<BitGene, Double> engine = new Engine.Builder<>(batch, genotypes)
                .optimize(Optimize.MAXIMUM)
                .populationSize(population)
                .offspringSize(population - elites)
                .survivorsSize(elites)
                .survivorsSelector(elites > 0 ? new EliteSelector<>(elites) : selector())
                .offspringSelector(selector())
                .alterers(alterers.get(0), alterers.subList(1, alterers.size()).toArray(Alterer[]::new))
                .constraint(constraint)
                .maximalPhenotypeAge(Long.MAX_VALUE / 4)
                // Everything on this thread: the seeded random stream is thread-scoped.
                .executor(Runnable::run)
                .build();

        List<GenerationReport> reports = new ArrayList<>();
        ISeq<Phenotype<BitGene, Double>> current = null;
        for (int g = 0; g < generations; g++) {
            constraint.resetCounts();
            memory.newGeneration();
            batch.generation = g;
            batch.results.clear();
            ISeq<Phenotype<BitGene, Double>> previous = current;
            int generation = g;
            current = RandomRegistry.with(new SplittableRandom(GenerationSeed.of(seed, g)), random -> {
                if (previous == null) {
                    List<Phenotype<BitGene, Double>> start = Draws.validGenomes(space, population, memory,
                            distinctChildren).stream().map(genome -> Phenotype.<BitGene, Double>of(GenomeCodec.encode(genome), 0))
                            .toList();
                    return engine.eval(ISeq.of(start));
                }
                EvolutionResult<BitGene, Double> result = engine.evolve(EvolutionStart.of(previous, generation));
                return result.population();
            });
            GenerationReport report = report(g, current, List.copyOf(batch.results), batch.accuracy,
                    constraint.repaired(), constraint.drawn());
            reports.add(report);
            observer.accept(report);
        }
        return List.copyOf(reports);
    }

    @Override
    public List<Genome> firstGeneration() {
        return RandomRegistry.with(new SplittableRandom(GenerationSeed.of(seed, 0)),
                random -> Draws.validGenomes(space, population, new NetworkMemory(network), distinctChildren));
    }

    private io.jenetics.Selector<BitGene, Double> selector() {
        return switch (selector) {
            case TOURNAMENT -> new TournamentSelector<>(tournamentSize);
            case ROULETTE -> new RouletteWheelSelector<>();
        };
    }

    /** The report of a generation; members show their fitness (validation accuracy), not what selection ranks by. */
    private static GenerationReport report(int generation, ISeq<Phenotype<BitGene, Double>> population,
                                           List<TrialResult> results, Map<String, Double> accuracy, int repaired,
                                           int drawn) {
        List<GenerationReport.Member> members = population.stream()
                .map(pt -> {
                    String bits = GenomeCodec.decode(pt.genotype()).bits();
                    return new GenerationReport.Member(bits, accuracy.getOrDefault(bits, pt.fitness()));
                })
                .toList();
        double best = members.stream().mapToDouble(GenerationReport.Member::fitness).max().orElse(0);
        double mean = members.stream().mapToDouble(GenerationReport.Member::fitness).average().orElse(0);
        return new GenerationReport(generation, results, members, best, mean, repaired, drawn);
    }

    /** Jenetics' batch evaluator: unevaluated phenotypes go to the generation evaluator at once. */
    private static final class BatchEvaluator implements io.jenetics.engine.Evaluator<BitGene, Double> {
        private final GenerationEvaluator delegate;
        private final NetworkMemory memory;
        private final ToDoubleFunction<TrialResult> selectionFitness;
        private final List<TrialResult> results = new ArrayList<>();
        /** Every evaluated genome's validation accuracy, by bits. */
        private final Map<String, Double> accuracy = new HashMap<>();
        private int generation;

        BatchEvaluator(GenerationEvaluator delegate, NetworkMemory memory, ToDoubleFunction<TrialResult> selectionFitness) {
            this.delegate = delegate;
            this.memory = memory;
            this.selectionFitness = selectionFitness;
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
            genomes.forEach(memory::evaluated);
            results.addAll(evaluated);
            @SuppressWarnings("unchecked")
            Phenotype<BitGene, Double>[] out = population.asISeq().toArray(new Phenotype[0]);
            for (int k = 0; k < pending.size(); k++) {
                int i = pending.get(k);
                TrialResult r = evaluated.get(k);
                accuracy.put(r.genome().bits(), r.fitness());
                out[i] = out[i].withFitness(selectionFitness.applyAsDouble(r));
            }
            return ISeq.of(out);
        }
    }

    /** Builds an immutable {@link GeneticSearch}; defaults are the paper's. */
    public static final class Builder {
        private final GenomeSpace space;
        private int population = 4;
        private int generations = 20;
        private double mutationProbability = -1;
        private double crossoverProbability = 0.6;
        private Selector selector = Selector.ROULETTE;
        private int tournamentSize = 2;
        private int elites = 1;
        private long seed = 42;
        private Repair repair = Repair.NEAREST;
        private boolean distinctChildren;
        private Function<Genome, Object> network = genome -> genome;
        private ToDoubleFunction<TrialResult> selectionFitness = TrialResult::fitness;
        private Consumer<String> log = message -> { };

        private Builder(GenomeSpace space) {
            if (space == null) {
                throw new IllegalArgumentException("a search needs its genome space");
            }
            this.space = space;
        }

        public Builder population(int value) {
            this.population = value;
            return this;
        }

        public Builder generations(int value) {
            this.generations = value;
            return this;
        }

        /** Probability that each bit of a child flips; default 1 / population (the paper's). */
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

        /** What becomes of a child outside the space's valid genomes. */
        public Builder repair(Repair value) {
            this.repair = value;
            return this;
        }

        /** Whether every child must be a network not evaluated before. */
        public Builder distinctChildren(boolean value) {
            this.distinctChildren = value;
            return this;
        }

        /** What a genome's network is, for "evaluated before": genomes with equal networks are one. */
        public Builder network(Function<Genome, Object> value) {
            this.network = value;
            return this;
        }

        /**
         * What selection ranks a result by; default its fitness. A search with a pruner ranks a
         * trial stopped early below every trial that trained to its end ({@link SelectionFitness}).
         */
        public Builder selectionFitness(ToDoubleFunction<TrialResult> value) {
            this.selectionFitness = value;
            return this;
        }

        /** Told of each child the decoder could not build, with the reason. */
        public Builder log(Consumer<String> value) {
            this.log = value;
            return this;
        }

        public GeneticSearch build() {
            if (population < 2 || generations < 1 || elites < 0 || elites >= population) {
                throw new IllegalArgumentException("need population >= 2, generations >= 1, 0 <= elites < population");
            }
            if (mutationProbability < 0) {
                mutationProbability = 1.0 / population;
            }
            if (selector == null || repair == null) {
                throw new IllegalArgumentException("a selector and a repair are required");
            }
            return new GeneticSearch(this);
        }
    }
}
