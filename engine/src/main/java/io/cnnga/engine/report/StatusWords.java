package io.cnnga.engine.report;

import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStop;

import java.util.Locale;

/**
 * A trial's outcome in the words of the console's and the report's tables: its status, and for
 * one stopped early, what stopped it.
 *
 * <pre>{@code
 * StatusWords.of(result);   // "complete", "cached", "failed", "pruned (median)", "pruned (halving)", "stopped (time limit)"
 * }</pre>
 */
public final class StatusWords {

    private StatusWords() {
    }

    public static String of(TrialResult r) {
        String status = r.status().name().toLowerCase(Locale.ROOT);
        if (r.stop() == null) {
            return status;
        }
        return switch (r.stop().cause()) {
            case TrialStop.TIME_LIMIT -> "stopped (time limit)";
            case TrialStop.MEDIAN_PRUNER -> status + " (median)";
            case TrialStop.SUCCESSIVE_HALVING -> status + " (halving)";
            default -> status;
        };
    }
}
