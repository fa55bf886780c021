package io.cnnga.engine.evolution;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.ModelSpec;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How large the networks are that a decoder builds for one dataset, estimated from random genomes:
 * what a search without a budget may train.
 *
 * <pre>{@code
 * NetworkSizes sizes = NetworkSizes.sample(decoder, data.info(), 1000, new SplittableRandom(0)).orElseThrow();
 * sizes.medianParams();    // about 16 M for the paper decoder and 28x28x1 images
 * sizes.largestFlops();    // the largest forward FLOPs per image among the sample
 * }</pre>
 *
 * <p>Genomes the decoder cannot build are left out of the sample. Decoding takes microseconds, so a
 * sample of a thousand costs milliseconds.
 *
 * @param sampled      the buildable genomes the sizes come from, at least 1
 * @param medianParams the median parameter count among them
 * @param largestParams the largest parameter count among them
 * @param medianFlops  the median forward FLOPs per image among them
 * @param largestFlops the largest forward FLOPs per image among them
 */
public record NetworkSizes(int sampled, long medianParams, long largestParams, long medianFlops, long largestFlops) {

    public NetworkSizes {
        if (sampled < 1) {
            throw new IllegalArgumentException("sizes come from at least one network, not " + sampled);
        }
        if (medianParams < 0 || medianParams > largestParams || medianFlops < 0 || medianFlops > largestFlops) {
            throw new IllegalArgumentException("a median must lie between 0 and the largest: params " + medianParams
                    + " of " + largestParams + ", FLOPs " + medianFlops + " of " + largestFlops);
        }
    }

    /**
     * The sizes of the networks {@code decoder} builds for {@code data} from {@code genomes} random
     * genomes drawn from {@code random}; empty when it builds none of them.
     */
    public static Optional<NetworkSizes> sample(Decoder decoder, DataInfo data, int genomes, RandomGenerator random) {
        GenomeSpace space = GenomeSpace.all(decoder.genomeLength());
        long[] params = new long[genomes];
        long[] flops = new long[genomes];
        int built = 0;
        for (int i = 0; i < genomes; i++) {
            Genome genome = space.randomGenome(random);
            ModelSpec spec;
            try {
                spec = decoder.decode(genome, data);
            } catch (IllegalArgumentException notBuildable) {
                continue;
            }
            params[built] = spec.params();
            flops[built] = spec.forwardFlops();
            built++;
        }
        if (built == 0) {
            return Optional.empty();
        }
        Arrays.sort(params, 0, built);
        Arrays.sort(flops, 0, built);
        return Optional.of(new NetworkSizes(built, params[built / 2], params[built - 1], flops[built / 2],
                flops[built - 1]));
    }
}
