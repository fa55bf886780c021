package io.cnnga.engine.plan;

import io.cnnga.api.ModelSpec;

import java.util.Locale;
import java.util.Optional;

/**
 * The cost bounds of a plan's {@code search} section: networks above them are never trained.
 *
 * <pre>{@code
 * SearchBudget budget = plan.search().budget();          // maxForwardFlops 2e7, maxParams 5e6
 * budget.violation(spec);   // Optional["3.1e+07 forward FLOPs exceed search.maxForwardFlops 2.00e+07"]
 * }</pre>
 *
 * @param maxForwardFlops forward FLOPs per image; 0 = unbounded
 * @param maxParams       parameters; 0 = unbounded
 */
public record SearchBudget(double maxForwardFlops, double maxParams) {

    public SearchBudget {
        if (!(maxForwardFlops >= 0) || !(maxParams >= 0)) {
            throw new IllegalArgumentException("budget bounds must be >= 0");
        }
    }

    /** Why {@code spec} breaks the budget, or empty when it keeps it. */
    public Optional<String> violation(ModelSpec spec) {
        if (maxForwardFlops > 0 && spec.forwardFlops() > maxForwardFlops) {
            return Optional.of(String.format(Locale.ROOT, "%.3g forward FLOPs exceed search.maxForwardFlops %.3g",
                    (double) spec.forwardFlops(), maxForwardFlops));
        }
        if (maxParams > 0 && spec.params() > maxParams) {
            return Optional.of(String.format(Locale.ROOT, "%,d parameters exceed search.maxParams %.3g",
                    spec.params(), maxParams));
        }
        return Optional.empty();
    }

    /** True when neither bound is set: every network the decoder builds may be trained. */
    public boolean unbounded() {
        return maxForwardFlops == 0 && maxParams == 0;
    }

    public boolean admits(ModelSpec spec) {
        return violation(spec).isEmpty();
    }
}
