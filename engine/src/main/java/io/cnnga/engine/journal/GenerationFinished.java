package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * A generation is over: its whole population with fitness (elites included), and the best
 * network so far, so that a report of an unfinished run can draw it.
 *
 * <pre>{@code
 * journal.append(new GenerationFinished(Instant.now(), 3, 0.83, 0.77, 2, 2, 0, population, bestSoFar));
 * }</pre>
 *
 * @param time       when it was journalled
 * @param generation 0-based
 * @param best       best fitness in the population
 * @param mean       mean fitness in the population
 * @param replaced   children that did not go to evaluation as the operators made them: over the
 *                   budget or not buildable ({@code repaired + drawn}; engines before those two
 *                   fields wrote only this)
 * @param repaired   of those, children moved to the nearest valid genome; null in journals of
 *                   engines before it
 * @param drawn      of those, children replaced by a random valid genome; null in journals of
 *                   engines before it
 * @param population every member, in the population's order
 * @param bestSoFar  the fittest trial of the run so far; null before any trial reached a fitness
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"time", "generation", "best", "mean", "replaced", "repaired", "drawn", "population", "bestSoFar"})
public record GenerationFinished(@JsonProperty(required = true) Instant time,
                                 @JsonProperty(required = true) int generation,
                                 double best, double mean, int replaced, Integer repaired, Integer drawn,
                                 List<Member> population, BestSoFar bestSoFar) implements JournalEvent {

    public static final String TYPE = "generation-finished";

    public GenerationFinished {
        Events.require(time != null, "time", "is missing");
        Events.require(generation >= 0, "generation", "must be >= 0, was " + generation);
        population = population == null ? List.of() : List.copyOf(population);
    }

    /**
     * A member of the population.
     *
     * @param genome  the bits
     * @param fitness its fitness
     */
    @JsonPropertyOrder({"genome", "fitness"})
    public record Member(@JsonProperty(required = true) String genome, double fitness) {
        public Member {
            Events.require(genome != null, "population.genome", "is missing");
        }
    }

    /**
     * The fittest trial so far and its network.
     *
     * @param genome     the bits
     * @param fitness    its fitness
     * @param generation where it was trained
     * @param index      its index there
     * @param network    its network as {@code decode --json} prints it
     */
    @JsonPropertyOrder({"genome", "fitness", "generation", "index", "network"})
    public record BestSoFar(@JsonProperty(required = true) String genome, double fitness, int generation, int index,
                            ObjectNode network) {
        public BestSoFar {
            Events.require(genome != null, "bestSoFar.genome", "is missing");
            network = network == null ? null : network.deepCopy();
        }

        @Override
        public ObjectNode network() {
            return network == null ? null : network.deepCopy();
        }
    }
}
