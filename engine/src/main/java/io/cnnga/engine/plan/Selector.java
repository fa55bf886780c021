package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the genetic algorithm chooses parents: the plan's {@code search.selector}.
 *
 * <pre>{@code
 * Selector s = Selector.of("tournament");   // TOURNAMENT
 * s.id();                                   // "tournament", as plans write it
 * }</pre>
 */
public enum Selector {
    /** Fitness-proportional, the paper's. */
    ROULETTE,
    /** The fittest of {@code search.tournamentSize} members drawn at random. */
    TOURNAMENT;

    /** The name plans use. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every name plans may use, in order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Selector::id).toList();
    }

    /** @throws IllegalArgumentException for a name that is not one of {@link #ids()} */
    public static Selector of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("selector must be one of " + ids() + ", was " + id));
    }
}
