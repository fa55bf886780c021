package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What stops weak trials early: the plan's {@code training.pruner}.
 *
 * <pre>{@code
 * Pruner.of("median");   // MEDIAN
 * }</pre>
 */
public enum Pruner {
    /** Every trial trains to its end (the paper's). */
    NONE,
    /**
     * A trial whose validation accuracy at a checkpoint is below the median that the trials of
     * earlier generations reached there stops (once {@code training.warmupTrials} have).
     */
    MEDIAN,
    /**
     * Successive halving over each generation's trials: all train to the first checkpoint, the
     * best {@code 1 / training.reductionFactor} go on to the next, and so on to the end.
     */
    HALVING;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Pruner::id).toList();
    }

    /** @throws IllegalArgumentException for a name that is not one of {@link #ids()} */
    public static Pruner of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pruner must be one of " + ids() + ", was " + id));
    }
}
