package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import io.jenetics.BitGene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.engine.Constraint;
import io.jenetics.util.Factory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Replaces a genome whose network breaks the budget by a random one that keeps it, before it is
 * ever evaluated, and counts the replacements.
 *
 * <pre>{@code
 * BudgetConstraint budget = new BudgetConstraint(genome -> flops(genome) <= 2e8, genotypes);
 * engineBuilder.constraint(budget);
 * budget.replaced();   // how many genomes were replaced so far
 * }</pre>
 *
 * <p>Jenetics' {@code RetryConstraint} gives up after 10 draws and keeps the invalid genome; with
 * a tight budget most of the paper's space is out of bounds, so this one draws until it finds a
 * valid genome (checking one costs microseconds), and fails with a clear message when the budget
 * admits almost nothing.
 */
public final class BudgetConstraint implements Constraint<BitGene, Double> {

    /** Random draws before the budget is declared impossible. */
    public static final int MAX_DRAWS = 100_000;

    private final Predicate<Genome> valid;
    private final Factory<Genotype<BitGene>> genotypes;
    private final AtomicInteger replaced = new AtomicInteger();

    public BudgetConstraint(Predicate<Genome> valid, Factory<Genotype<BitGene>> genotypes) {
        this.valid = valid;
        this.genotypes = genotypes;
    }

    @Override
    public boolean test(Phenotype<BitGene, Double> individual) {
        return valid.test(GenomeCodec.decode(individual.genotype()));
    }

    /**
     * @throws BudgetTooTightException when no valid genome turns up in {@link #MAX_DRAWS} draws
     */
    @Override
    public Phenotype<BitGene, Double> repair(Phenotype<BitGene, Double> individual, long generation) {
        replaced.incrementAndGet();
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Genotype<BitGene> candidate = genotypes.newInstance();
            if (valid.test(GenomeCodec.decode(candidate))) {
                return Phenotype.of(candidate, generation);
            }
        }
        throw new BudgetTooTightException("no genome within the search budget in " + MAX_DRAWS
                + " random draws; raise search.maxForwardFlops or search.maxParams");
    }

    public int replaced() {
        return replaced.get();
    }

    public void resetCount() {
        replaced.set(0);
    }
}
