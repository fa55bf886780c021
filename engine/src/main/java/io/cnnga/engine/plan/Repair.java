package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What becomes of a child whose network breaks the budget or cannot be built: the plan's
 * {@code search.repair}.
 *
 * <pre>{@code
 * Repair.of("nearest");   // NEAREST: the valid genome fewest bit flips away keeps what the parents gave
 * }</pre>
 */
public enum Repair {
    /** The valid genome nearest in Hamming distance (ties drawn at random); a random one only when none is near. */
    NEAREST,
    /** A uniformly random valid genome: nothing of the parents survives (the engine's first behaviour). */
    REDRAW;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Repair::id).toList();
    }

    /** @throws IllegalArgumentException for a name that is not one of {@link #ids()} */
    public static Repair of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("repair must be one of " + ids() + ", was " + id));
    }
}
