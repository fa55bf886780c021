package io.cnnga.engine.pareto;

import io.cnnga.api.TrialResult;
import io.cnnga.engine.plan.Objective;

import java.util.List;

/**
 * A trial's values of a search's objectives, in the objectives' order: accuracy (its fitness),
 * forward FLOPs, parameters, inference latency in milliseconds.
 *
 * <pre>{@code
 * ObjectiveValues v = ObjectiveValues.of(result, List.of(Objective.ACCURACY, Objective.FLOPS));
 * v.get(1);                 // its FLOPs
 * v.dominates(other);       // at least as good in every objective, better in one
 * }</pre>
 *
 * <p>A trial whose latency was not measured has an infinite one: it is dominated in that objective.
 *
 * @param objectives what each value measures
 * @param values     the values, as measured (costs not negated)
 */
public record ObjectiveValues(List<Objective> objectives, double[] values) {

    public ObjectiveValues {
        objectives = List.copyOf(objectives);
        values = values.clone();
        if (objectives.size() != values.length) {
            throw new IllegalArgumentException(objectives.size() + " objectives but " + values.length + " values");
        }
    }

    public static ObjectiveValues of(TrialResult r, List<Objective> objectives) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(r, objectives.get(i));
        }
        return new ObjectiveValues(objectives, v);
    }

    /** One objective's value of a trial. */
    public static double value(TrialResult r, Objective objective) {
        return switch (objective) {
            case ACCURACY -> r.fitness();
            case FLOPS -> r.flops();
            case PARAMS -> r.params();
            case LATENCY -> r.latency() == null ? Double.POSITIVE_INFINITY : r.latency().millis();
        };
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double get(int i) {
        return values[i];
    }

    /** The values with every cost negated: all to be maximised (what NSGA-II compares). */
    public double[] maximised() {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = objectives.get(i).maximised() ? values[i] : -values[i];
        }
        return out;
    }

    /** At least as good as {@code other} in every objective and better in one. */
    public boolean dominates(ObjectiveValues other) {
        double[] a = maximised();
        double[] b = other.maximised();
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
            better |= a[i] > b[i];
        }
        return better;
    }
}
