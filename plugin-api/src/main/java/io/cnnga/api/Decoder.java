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
 * times and treats equal {@link ModelSpec}s as the same network. It must also be cheap (a search
 * decodes thousands of genomes to find valid children near the ones its operators made).
 *
 * <p>A decoder may refuse a genome it cannot build for the data, e.g. a VALID-padded kernel
 * larger than what reaches it, by throwing {@link IllegalArgumentException} with the reason: the
 * search then treats the genome like one over the budget (it is never trained; a child is repaired
 * to the nearest genome the decoder does build) and names it in the run's log, and
 * {@code engine decode} of it exits with the reason. Anything else it throws is a bug that stops
 * the run.
 */
public interface Decoder {

    /** Bits in every genome this decoder reads. */
    int genomeLength();

    /**
     * The network a genome stands for.
     *
     * @throws IllegalArgumentException when the genome's length is not {@link #genomeLength()}, or
     *                                  when the genome makes no network for {@code data} (say why)
     */
    ModelSpec decode(Genome genome, DataInfo data);

    /** The choices a genome makes, in words, for people: e.g. "filters 24, scale 2, kernel 2". */
    default String explain(Genome genome) {
        return "";
    }
}
