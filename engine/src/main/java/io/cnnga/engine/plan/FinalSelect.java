package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Map;

/**
 * Which network of a multi-objective search's Pareto front the final training trains: the plan's
 * {@code final.select}.
 *
 * <pre>{@code
 * FinalSelect.ACCURACY;                            // "accuracy": the most accurate (the default)
 * FinalSelect.KNEE;                                // "knee": the front's knee point
 * FinalSelect.atMost(Objective.LATENCY, 2.0);      // {"maxLatencyMs": 2.0}: the most accurate within it
 * }</pre>
 *
 * @param rule      {@code accuracy}, {@code knee}, or {@code constraint}
 * @param objective the cost a constraint bounds; null otherwise
 * @param max       the bound; NaN otherwise
 */
public record FinalSelect(String rule, Objective objective, double max) {

    public static final FinalSelect ACCURACY = new FinalSelect("accuracy", null, Double.NaN);
    public static final FinalSelect KNEE = new FinalSelect("knee", null, Double.NaN);

    /** The keys of a constraint, by the cost they bound. */
    public static final Map<String, Objective> CONSTRAINT_KEYS = Map.of(
            "maxFlops", Objective.FLOPS, "maxParams", Objective.PARAMS, "maxLatencyMs", Objective.LATENCY);

    public FinalSelect {
        boolean constraint = "constraint".equals(rule);
        if (!constraint && !"accuracy".equals(rule) && !"knee".equals(rule)) {
            throw new IllegalArgumentException("final.select is accuracy, knee or a constraint, was " + rule);
        }
        if (constraint && (objective == null || objective.maximised() || !(max > 0))) {
            throw new IllegalArgumentException("a final.select constraint bounds a cost by a positive number");
        }
    }

    /** The most accurate front member whose {@code objective} is at most {@code max}. */
    public static FinalSelect atMost(Objective objective, double max) {
        return new FinalSelect("constraint", objective, max);
    }

    public boolean constraint() {
        return "constraint".equals(rule);
    }

    /** The constraint's key in a plan ({@code maxFlops}, ...). */
    public String constraintKey() {
        return CONSTRAINT_KEYS.entrySet().stream().filter(e -> e.getValue() == objective).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    /** As plans write it: {@code "accuracy"}, {@code "knee"} or {@code {"maxFlops": 1e7}}. */
    @JsonValue
    public Object json() {
        return constraint() ? Map.of(constraintKey(), max) : rule;
    }

    @Override
    public String toString() {
        return constraint() ? String.format(Locale.ROOT, "%s %s", constraintKey(), max) : rule;
    }
}
