package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a search chooses the genomes of each generation: the plan's {@code search.strategy}.
 *
 * <pre>{@code
 * Strategy.of("random");   // RANDOM: the baseline a genetic algorithm must beat
 * }</pre>
 */
public enum Strategy {
    /** The genetic algorithm: selection, crossover, mutation, elites. */
    GA,
    /** Every generation uniformly random genomes within the budget: the baseline. */
    RANDOM;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Strategy::id).toList();
    }

    /** @throws IllegalArgumentException for a name that is not one of {@link #ids()} */
    public static Strategy of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy must be one of " + ids() + ", was " + id));
    }
}
