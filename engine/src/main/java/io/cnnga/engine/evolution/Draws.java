package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.jenetics.util.RandomRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Random valid genomes, as every search draws them: uniform genomes from Jenetics' generator until
 * one is valid (and not excluded), which is a uniform draw over the valid ones.
 *
 * <pre>{@code
 * List<Genome> start = Draws.validGenomes(space, 6, memory, true);   // generation 0
 * }</pre>
 *
 * <p>Draws come from Jenetics' {@link RandomRegistry}, which the search seeds per generation, in
 * the same order the engine has always drawn them, so runs of earlier engines resume exactly.
 */
final class Draws {

    private Draws() {
    }

    /**
     * {@code count} valid genomes; with {@code distinct}, each a network not evaluated before and
     * not drawn before in this call (claimed in {@code memory}).
     *
     * @throws BudgetTooTightException when the budget admits (almost) no genome
     */
    static List<Genome> validGenomes(GenomeSpace space, int count, NetworkMemory memory, boolean distinct) {
        List<Genome> out = new ArrayList<>(count);
        Predicate<Genome> excluded = distinct ? g -> !memory.fresh(g) : g -> false;
        for (int i = 0; i < count; i++) {
            Genome g = validGenome(space, excluded).orElseThrow(() -> new BudgetTooTightException(
                    "no genome within the search budget" + (distinct ? ", and not evaluated before," : "") + " in "
                            + GenomeSpace.MAX_DRAWS + " random draws; raise search.maxForwardFlops or search.maxParams"));
            if (distinct) {
                memory.claim(g);
            }
            out.add(g);
        }
        return out;
    }

    /** One valid genome not {@code excluded}; empty when none turns up. */
    static Optional<Genome> validGenome(GenomeSpace space, Predicate<Genome> excluded) {
        for (int draw = 0; draw < GenomeSpace.MAX_DRAWS; draw++) {
            Genome g = GenomeCodec.decode(GenomeCodec.of(space.length()).encoding().newInstance());
            if (space.valid(g) && !excluded.test(g)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
