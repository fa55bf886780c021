package io.cnnga.engine.evolution;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.BitChromosome;
import io.jenetics.BitGene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Mutation as the GA literature means it: every bit of every genome flips, independently, with
 * the given probability.
 *
 * <pre>{@code
 * Engine.builder(...).alterers(new SinglePointCrossover<>(0.6), new BitFlipMutator<>(0.05));
 * }</pre>
 *
 * <p>Jenetics' {@code Mutator} replaces a chosen gene by a random one, which for a bit keeps its
 * value half of the time, and chooses genes through nested genotype and chromosome draws; with it
 * a plan's 0.05 would flip about 2.5% of bits, in correlated clumps.
 *
 * @param <C> the fitness type
 */
public final class BitFlipMutator<C extends Comparable<? super C>> implements Alterer<BitGene, C> {

    private final double probability;

    public BitFlipMutator(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], was " + probability);
        }
        this.probability = probability;
    }

    public double probability() {
        return probability;
    }

    @Override
    public AltererResult<BitGene, C> alter(Seq<Phenotype<BitGene, C>> population, long generation) {
        RandomGenerator random = RandomRegistry.random();
        int flips = 0;
        Phenotype<BitGene, C>[] out = population.asISeq().toArray(new Phenotype[0]);
        for (int p = 0; p < out.length; p++) {
            BitChromosome chromosome = out[p].genotype().chromosome().as(BitChromosome.class);
            BitSet bits = chromosome.toBitSet();
            int flipped = 0;
            for (int i = 0; i < chromosome.length(); i++) {
                if (random.nextDouble() < probability) {
                    bits.flip(i);
                    flipped++;
                }
            }
            if (flipped > 0) {
                out[p] = Phenotype.of(Genotype.of(BitChromosome.of(bits, chromosome.length())), generation);
                flips += flipped;
            }
        }
        return new AltererResult<>(ISeq.of(out), flips);
    }

    @Override
    public String toString() {
        return "BitFlipMutator[p=" + probability + "]";
    }
}
