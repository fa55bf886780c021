package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a search optimises: the entries of the plan's {@code search.objectives}. Accuracy is
 * maximised, every cost minimised.
 *
 * <pre>{@code
 * Objective.of("flops");           // FLOPS
 * Objective.FLOPS.maximised();     // false
 * }</pre>
 */
public enum Objective {
    /** Validation accuracy, the fitness. */
    ACCURACY(true, "validation accuracy"),
    /** Forward FLOPs per image. */
    FLOPS(false, "forward FLOPs per image"),
    /** Parameters. */
    PARAMS(false, "parameters"),
    /** Inference milliseconds per image at batch 1, measured by the backend once per network. */
    LATENCY(false, "inference ms per image");

    private final boolean maximised;
    private final String words;

    Objective(boolean maximised, String words) {
        this.maximised = maximised;
        this.words = words;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean maximised() {
        return maximised;
    }

    /** What it measures, for axes and tables. */
    public String words() {
        return words;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Objective::id).toList();
    }

    /** @throws IllegalArgumentException for a name that is not one of {@link #ids()} */
    public static Objective of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + ids() + ", was \"" + id + "\""));
    }
}
