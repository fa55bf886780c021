package io.cnnga.api;

/**
 * Turns a genome into a network for a dataset's shape and classes.
 *
 * <pre>{@code
 * Decoder decoder = registry.decoder("paper").create(Options.empty("decoder.options"));
 * ModelSpec spec = decoder.decode(Genome.of("01010001110010011100"),
 *         DataInfo.of("cifar10", 32, 32, 3, 10));
 * }</pre>
 *
 * <p>Decoding must be a pure function of its arguments: the engine decodes the same genome many
 * times and treats equal {@link ModelSpec}s as the same network.
 */
public interface Decoder {

    /** Bits in every genome this decoder reads. */
    int genomeLength();

    /**
     * The network a genome stands for.
     *
     * @throws IllegalArgumentException when the genome's length is not {@link #genomeLength()}
     */
    ModelSpec decode(Genome genome, DataInfo data);

    /** The choices a genome makes, in words, for people: e.g. "filters 24, scale 2, kernel 2". */
    default String explain(Genome genome) {
        return "";
    }
}
