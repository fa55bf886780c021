package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The networks a search has sent to evaluation, and those the children of the generation being
 * made have claimed: what "a network not evaluated before" means. Two genomes that decode to the
 * same network (bits the decoder ignores) are the same network.
 *
 * <pre>{@code
 * NetworkMemory memory = new NetworkMemory(genome -> decoder.decode(genome, info));
 * memory.fresh(child);       // not evaluated, not claimed by a sibling
 * memory.claim(child);
 * memory.evaluated(child);   // once it went to evaluation
 * }</pre>
 *
 * @implSpec Not thread-safe; a search uses it from its one thread.
 */
final class NetworkMemory {

    private final Function<Genome, Object> network;
    private final Set<Object> evaluated = new HashSet<>();
    private final Set<Object> claimed = new HashSet<>();

    NetworkMemory(Function<Genome, Object> network) {
        this.network = network;
    }

    /** Neither evaluated nor claimed in the generation being made. */
    boolean fresh(Genome genome) {
        Object key = network.apply(genome);
        return !evaluated.contains(key) && !claimed.contains(key);
    }

    void claim(Genome genome) {
        claimed.add(network.apply(genome));
    }

    void evaluated(Genome genome) {
        evaluated.add(network.apply(genome));
    }

    /** A new generation is being made: no network is claimed yet. */
    void newGeneration() {
        claimed.clear();
    }
}
