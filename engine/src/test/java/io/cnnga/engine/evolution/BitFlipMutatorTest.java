package io.cnnga.engine.evolution;

import io.jenetics.AltererResult;
import io.jenetics.BitChromosome;
import io.jenetics.BitGene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BitFlipMutatorTest {

    static ISeq<Phenotype<BitGene, Double>> zeros(int count, int length) {
        return IntStream.range(0, count)
                .mapToObj(i -> Phenotype.<BitGene, Double>of(Genotype.of(BitChromosome.of(length, 0.0)), 0, 0.0))
                .collect(ISeq.toISeq());
    }

    @Test
    void flipsEachBitWithThePlansProbability() {
        ISeq<Phenotype<BitGene, Double>> population = zeros(1000, 20);
        AltererResult<BitGene, Double> result = RandomRegistry.with(new SplittableRandom(1),
                r -> new BitFlipMutator<Double>(0.1).alter(population, 1));
        long ones = result.population().stream()
                .mapToLong(pt -> pt.genotype().chromosome().as(BitChromosome.class).bitCount()).sum();
        // 20,000 bits at p = 0.1: mean 2,000, standard deviation 42. Jenetics' Mutator would give about 1,000.
        assertThat(ones).isBetween(1850L, 2150L);
        assertThat(result.alterations()).isEqualTo((int) ones);
    }

    @Test
    void unchangedGenomesKeepTheirFitnessAndChangedOnesLoseIt() {
        ISeq<Phenotype<BitGene, Double>> population = zeros(200, 4);
        AltererResult<BitGene, Double> result = RandomRegistry.with(new SplittableRandom(2),
                r -> new BitFlipMutator<Double>(0.2).alter(population, 3));
        for (Phenotype<BitGene, Double> pt : result.population()) {
            boolean changed = pt.genotype().chromosome().as(BitChromosome.class).bitCount() > 0;
            assertThat(pt.isEvaluated()).isEqualTo(!changed);
        }
    }

    @Test
    void sameSeedSameFlips() {
        ISeq<Phenotype<BitGene, Double>> population = zeros(50, 20);
        var a = RandomRegistry.with(new SplittableRandom(9), r -> new BitFlipMutator<Double>(0.3).alter(population, 1));
        var b = RandomRegistry.with(new SplittableRandom(9), r -> new BitFlipMutator<Double>(0.3).alter(population, 1));
        assertThat(a.population().map(pt -> GenomeCodec.decode(pt.genotype())))
                .isEqualTo(b.population().map(pt -> GenomeCodec.decode(pt.genotype())));
    }
}
