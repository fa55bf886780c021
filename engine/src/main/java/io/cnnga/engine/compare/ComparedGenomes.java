package io.cnnga.engine.compare;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.run.PlanSearch;

import java.util.ArrayList;
import java.util.List;

/**
 * The genomes {@code engine compare} trains: those the user lists, or else the plan's seeded
 * first generation, the very genomes {@code engine run} would train first.
 *
 * <pre>{@code
 * List<Genome> given = ComparedGenomes.parse("01010001110010011100,11000001110010011100", decoder, "paper");
 * List<Genome> generation0 = ComparedGenomes.firstGeneration(plan, decoder, dataset.info());
 * }</pre>
 */
public final class ComparedGenomes {

    private ComparedGenomes() {
    }

    /**
     * Genomes from a comma-separated list of bit strings, in order (spaces around commas allowed).
     *
     * @throws InvalidInputException naming the first genome that is not a bit string of the
     *                               decoder's length, or an empty list
     */
    public static List<Genome> parse(String list, Decoder decoder, String decoderId) {
        List<Genome> genomes = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String bits = part.strip();
            if (bits.isEmpty()) {
                throw new InvalidInputException("--genomes: empty genome in \"" + list + "\"; give bit strings separated by commas");
            }
            Genome genome;
            try {
                genome = Genome.of(bits);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--genomes: \"" + bits + "\": " + e.getMessage());
            }
            if (genome.length() != decoder.genomeLength()) {
                throw new InvalidInputException("--genomes: \"" + bits + "\" has " + genome.length() + " bits; the "
                        + decoderId + " decoder reads " + decoder.genomeLength());
            }
            genomes.add(genome);
        }
        return List.copyOf(genomes);
    }

    /** The plan's generation 0: population random genomes from its seed, those over its budget replaced. */
    public static List<Genome> firstGeneration(Plan plan, Decoder decoder, DataInfo info) {
        return PlanSearch.of(plan, decoder, info, message -> { }).firstGeneration();
    }
}
