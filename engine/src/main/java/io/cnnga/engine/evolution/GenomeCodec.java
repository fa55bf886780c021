package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.jenetics.BitChromosome;
import io.jenetics.BitGene;
import io.jenetics.Genotype;
import io.jenetics.engine.InvertibleCodec;

import java.util.BitSet;

/**
 * Encodes cnnga {@link Genome}s as Jenetics bit genotypes and back, bit {@code i} of the genome
 * being gene {@code i} of the one chromosome (Jenetics' own bit strings print the other way round,
 * so they are never used).
 *
 * <pre>{@code
 * InvertibleCodec<Genome, BitGene> codec = GenomeCodec.of(20);
 * Genotype<BitGene> gt = codec.encode(Genome.of("01010001110010011100"));
 * codec.decode(gt);   // the same genome
 * }</pre>
 */
public final class GenomeCodec {

    private GenomeCodec() {
    }

    public static InvertibleCodec<Genome, BitGene> of(int length) {
        return InvertibleCodec.of(
                () -> Genotype.of(BitChromosome.of(length, 0.5)),
                GenomeCodec::decode,
                GenomeCodec::encode);
    }

    public static Genome decode(Genotype<BitGene> genotype) {
        BitChromosome chromosome = genotype.chromosome().as(BitChromosome.class);
        StringBuilder bits = new StringBuilder(chromosome.length());
        for (int i = 0; i < chromosome.length(); i++) {
            bits.append(chromosome.booleanValue(i) ? '1' : '0');
        }
        return Genome.of(bits.toString());
    }

    public static Genotype<BitGene> encode(Genome genome) {
        BitSet bits = new BitSet(genome.length());
        for (int i = 0; i < genome.length(); i++) {
            bits.set(i, genome.bit(i));
        }
        return Genotype.of(BitChromosome.of(bits, genome.length()));
    }
}
