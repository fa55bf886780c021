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
 * Flips one random bit of every child that neither crossover nor mutation changed: such a child is
 * a copy of its parent, a network evaluated already, which would take a place in the generation
 * and teach the search nothing.
 *
 * <pre>{@code
 * Engine.builder(...).alterers(new SinglePointCrossover<>(0.6), new BitFlipMutator<>(0.05), new CopyMutator<>());
 * }</pre>
 *
 * <p>A copy is recognised by its fitness: the other alterers leave a child they did not change
 * evaluated. Draws come from Jenetics' {@link RandomRegistry}.
 *
 * @param <C> the fitness type
 */
final class CopyMutator<C extends Comparable<? super C>> implements Alterer<BitGene, C> {

    @Override
    public AltererResult<BitGene, C> alter(Seq<Phenotype<BitGene, C>> population, long generation) {
        RandomGenerator random = RandomRegistry.random();
        @SuppressWarnings("unchecked")
        Phenotype<BitGene, C>[] out = population.asISeq().toArray(new Phenotype[0]);
        int flips = 0;
        for (int p = 0; p < out.length; p++) {
            if (out[p].isEvaluated()) {
                BitChromosome chromosome = out[p].genotype().chromosome().as(BitChromosome.class);
                BitSet bits = chromosome.toBitSet();
                bits.flip(random.nextInt(chromosome.length()));
                out[p] = Phenotype.of(Genotype.of(BitChromosome.of(bits, chromosome.length())), generation);
                flips++;
            }
        }
        return new AltererResult<>(ISeq.of(out), flips);
    }

    @Override
    public String toString() {
        return "CopyMutator";
    }
}
