package io.cnnga.engine.compare;

import io.cnnga.api.Genome;

import java.util.List;

/**
 * One genome of a comparison: its network's size and each backend's outcome, in the order the
 * backends were given.
 *
 * <pre>{@code
 * ComparisonRow row = comparison.rows().get(0);
 * row.outcome("pytorch").testAccuracy();
 * }</pre>
 *
 * @param genome   the genome trained
 * @param params   its network's parameters (as {@code ModelSpec.params()} counts them: batch norm's
 *                 moving statistics included)
 * @param outcomes one per backend
 */
public record ComparisonRow(Genome genome, long params, List<BackendOutcome> outcomes) {

    public ComparisonRow {
        outcomes = List.copyOf(outcomes);
    }

    /** @throws IllegalArgumentException when no outcome is for {@code backend} */
    public BackendOutcome outcome(String backend) {
        return outcomes.stream().filter(o -> o.backend().equals(backend)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no outcome for backend " + backend));
    }
}
