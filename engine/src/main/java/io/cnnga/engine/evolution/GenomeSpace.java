package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The genomes a search may evaluate, those whose network the decoder builds within the budget,
 * and the ways to find one: the nearest to a given genome, or one drawn at random.
 *
 * <pre>{@code
 * GenomeSpace space = new GenomeSpace(20, genome -> budget.violation(decoder.decode(genome, info)));
 * space.valid(genome);
 * space.nearestValid(child, g -> false, random);   // a valid genome fewest bit flips from child
 * space.validShare(random);                        // about 0.012: what share of all genomes fits
 * }</pre>
 *
 * <p>The nearest valid genome is searched for around the given one, one more bit flip at a time,
 * up to the radius at which the genomes to check would exceed {@value #MAX_CANDIDATES} (4 flips
 * for 20-bit genomes, 3 for 40): decoding a genome takes microseconds, so a repair costs
 * milliseconds, and a child farther than that from every valid genome has nothing of its parents
 * left to keep. Random valid genomes are drawn by rejection, which is uniform over the valid
 * ones. Ties in distance are broken by the caller's random stream, so a search seeded per
 * generation stays reproducible.
 *
 * @implSpec Immutable and thread-safe when its problem function is.
 */
public final class GenomeSpace {

    /** Genomes checked at most by one nearest-valid search. */
    public static final int MAX_CANDIDATES = 20_000;
    /** Random draws before the budget is declared to admit (almost) nothing. */
    public static final int MAX_DRAWS = 100_000;
    /** How {@link #problem} begins for a genome whose decoder threw {@link IllegalArgumentException}. */
    public static final String NOT_BUILDABLE = "the decoder cannot build it: ";

    private final int length;
    private final Function<Genome, Optional<String>> problem;
    private final int radius;

    /**
     * @param length  bits per genome
     * @param problem why a genome may not be evaluated (e.g. over budget), empty when it may; an
     *                {@link IllegalArgumentException} it throws (a decoder refusing the genome)
     *                makes the genome invalid, with {@link #NOT_BUILDABLE} and the exception's
     *                message as its problem
     */
    public GenomeSpace(int length, Function<Genome, Optional<String>> problem) {
        if (length < 1 || length > 62) {
            throw new IllegalArgumentException("genomes must have 1 to 62 bits, not " + length);
        }
        this.length = length;
        this.problem = problem;
        this.radius = radius(length);
    }

    /** The most flips whose genomes, all counted from 0 flips up, stay within {@link #MAX_CANDIDATES}. */
    static int radius(int length) {
        long total = 0;
        long withR = 1;
        for (int r = 0; r <= length; r++) {
            if (r > 0) {
                withR = withR * (length - r + 1) / r;
            }
            total += withR;
            if (total > MAX_CANDIDATES) {
                return Math.max(1, r - 1);
            }
        }
        return length;
    }

    /** Bit flips searched around a genome for the nearest valid one. */
    public int searchRadius() {
        return radius;
    }

    /** A space in which every genome of {@code length} bits is valid. */
    public static GenomeSpace all(int length) {
        return new GenomeSpace(length, g -> Optional.empty());
    }

    public int length() {
        return length;
    }

    public boolean valid(Genome genome) {
        return problem(genome).isEmpty();
    }

    /** Why {@code genome} may not be evaluated; empty when it may. */
    public Optional<String> problem(Genome genome) {
        try {
            return problem.apply(genome);
        } catch (IllegalArgumentException e) {
            return Optional.of(NOT_BUILDABLE + e.getMessage());
        }
    }

    /**
     * The share of genomes that are valid, estimated from {@code samples} random ones (the quickstart's
     * budget admits about 1.2% of the paper's genomes for 28x28x1 images).
     */
    public double validShare(int samples, RandomGenerator random) {
        int valid = 0;
        for (int i = 0; i < samples; i++) {
            if (valid(randomGenome(random))) {
                valid++;
            }
        }
        return valid / (double) samples;
    }

    /**
     * A valid genome, not {@code excluded}, at the least Hamming distance from {@code genome}
     * (itself if it qualifies); ties drawn from {@code random}. Empty when there is none within
     * {@link #searchRadius()} flips.
     */
    public Optional<Genome> nearestValid(Genome genome, Predicate<Genome> excluded, RandomGenerator random) {
        requireLength(genome);
        for (int r = 0; r <= radius; r++) {
            List<Genome> found = new ArrayList<>();
            flips(genome.bits().toCharArray(), 0, r, found, excluded);
            if (!found.isEmpty()) {
                return Optional.of(found.get(random.nextInt(found.size())));
            }
        }
        return Optional.empty();
    }

    /** A uniformly random valid genome that is not {@code excluded}; empty when none turns up in {@value #MAX_DRAWS} draws. */
    public Optional<Genome> randomValid(Predicate<Genome> excluded, RandomGenerator random) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Genome g = randomGenome(random);
            if (valid(g) && !excluded.test(g)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** A uniformly random genome of the space's length, valid or not. */
    public Genome randomGenome(RandomGenerator random) {
        StringBuilder bits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            bits.append(random.nextBoolean() ? '1' : '0');
        }
        return Genome.of(bits.toString());
    }

    /** Every genome {@code left} flips from {@code bits} at positions from {@code from} on that is valid and not excluded. */
    private void flips(char[] bits, int from, int left, List<Genome> found, Predicate<Genome> excluded) {
        if (left == 0) {
            Genome g = Genome.of(new String(bits));
            if (valid(g) && !excluded.test(g)) {
                found.add(g);
            }
            return;
        }
        for (int i = from; i <= bits.length - left; i++) {
            bits[i] = bits[i] == '0' ? '1' : '0';
            flips(bits, i + 1, left - 1, found, excluded);
            bits[i] = bits[i] == '0' ? '1' : '0';
        }
    }

    private void requireLength(Genome genome) {
        if (genome.length() != length) {
            throw new IllegalArgumentException("a genome of this space has " + length + " bits, not " + genome.length());
        }
    }
}
