package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.cnnga.engine.plan.Repair;
import io.jenetics.BitGene;
import io.jenetics.Phenotype;
import io.jenetics.engine.Constraint;
import io.jenetics.util.RandomRegistry;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The constraint children must meet before evaluation: a network within the budget that the
 * decoder can build and, when children must be distinct, one not evaluated before. A child that
 * does not is repaired, by the plan's {@link Repair}: moved to the nearest genome that does, which
 * keeps what its parents gave it; or, when none is near (or the plan says {@code redraw}), replaced
 * by a random one. Each outcome is counted.
 *
 * <pre>{@code
 * ChildRepair repair = new ChildRepair(space, Repair.NEAREST, memory, true, message -> log(message));
 * engineBuilder.constraint(repair);
 * repair.repaired();   // children moved to the nearest valid genome in this generation
 * }</pre>
 *
 * <p>Members already evaluated (elites, copies of a parent) always pass: a generation's survivors
 * go through the same check. Draws come from Jenetics' {@link RandomRegistry}, which the search
 * seeds per generation.
 *
 * @implSpec Jenetics checks a generation's members one after another on the search's thread;
 * {@link #test} claims the network of each new child it accepts, so two children of a generation
 * never share one.
 */
final class ChildRepair implements Constraint<BitGene, Double> {

    private final GenomeSpace space;
    private final Repair repair;
    private final NetworkMemory memory;
    private final boolean distinct;
    private final Consumer<String> log;
    private int repaired;
    private int drawn;

    /**
     * @param log told of each child the decoder cannot build (its genome and why), once
     */
    ChildRepair(GenomeSpace space, Repair repair, NetworkMemory memory, boolean distinct, Consumer<String> log) {
        this.space = space;
        this.repair = repair;
        this.memory = memory;
        this.distinct = distinct;
        this.log = log;
    }

    @Override
    public boolean test(Phenotype<BitGene, Double> individual) {
        if (individual.isEvaluated()) {
            return true;
        }
        Genome genome = GenomeCodec.decode(individual.genotype());
        if (!space.valid(genome) || (distinct && !memory.fresh(genome))) {
            return false;
        }
        if (distinct) {
            memory.claim(genome);
        }
        return true;
    }

    /**
     * @throws BudgetTooTightException when no valid (fresh) genome is left anywhere
     */
    @Override
    public Phenotype<BitGene, Double> repair(Phenotype<BitGene, Double> individual, long generation) {
        Genome child = GenomeCodec.decode(individual.genotype());
        space.problem(child).filter(p -> p.startsWith(GenomeSpace.NOT_BUILDABLE))
                .ifPresent(p -> log.accept(child + ": " + p));
        Predicate<Genome> excluded = distinct ? g -> !memory.fresh(g) : g -> false;
        Optional<Genome> replacement = Optional.empty();
        if (repair == Repair.NEAREST) {
            replacement = space.nearestValid(child, excluded, RandomRegistry.random());
            replacement.ifPresent(g -> repaired++);
        }
        if (replacement.isEmpty()) {
            replacement = Draws.validGenome(space, excluded);
            replacement.ifPresent(g -> drawn++);
        }
        Genome chosen = replacement.orElseThrow(() -> new BudgetTooTightException(
                "no genome " + (distinct ? "not evaluated before " : "") + "is within the search budget any more; "
                        + "raise search.maxForwardFlops or search.maxParams, or shorten the search"));
        if (distinct) {
            memory.claim(chosen);
        }
        return Phenotype.of(GenomeCodec.encode(chosen), generation);
    }

    int repaired() {
        return repaired;
    }

    int drawn() {
        return drawn;
    }

    void resetCounts() {
        repaired = 0;
        drawn = 0;
    }
}
