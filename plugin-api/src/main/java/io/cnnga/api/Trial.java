package io.cnnga.api;

/**
 * One network to train: the genome, its decoded spec and how to train it.
 *
 * <pre>{@code
 * Trial trial = new Trial(3, 0, genome, decoder.decode(genome, info), config);
 * }</pre>
 *
 * @param generation 0-based generation that asked for it (-1 for trials outside the search)
 * @param index      position within the generation's batch
 * @param genome     the bits
 * @param spec       the network they decode to
 * @param config     epochs, batch, learning rate, seed, device
 */
public record Trial(int generation, int index, Genome genome, ModelSpec spec, TrainingConfig config) {

    public Trial {
        if (genome == null || spec == null || config == null) {
            throw new IllegalArgumentException("a trial needs a genome, a spec and a config");
        }
    }

    public Trial withConfig(TrainingConfig newConfig) {
        return new Trial(generation, index, genome, spec, newConfig);
    }
}
