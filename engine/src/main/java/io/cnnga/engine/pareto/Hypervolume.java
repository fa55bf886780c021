package io.cnnga.engine.pareto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume of a set of trials: the share of the objective space they dominate, with each
 * objective scaled to [0, 1] (accuracy as it is; each cost as {@code 1 − cost / worst}, the worst
 * being the reference) — one number for how good a whole Pareto front is, which grows as a
 * search finds networks more accurate, cheaper, or both.
 *
 * <pre>{@code
 * Hypervolume hv = new Hypervolume(objectives, new double[] {1, 2.0e7});   // worst FLOPs: 2e7
 * hv.of(List.of(valuesA, valuesB));                                        // in [0, 1]
 * }</pre>
 *
 * <p>Exact: by sweeping for two objectives, by slicing along the first objective for more (the
 * fronts of a search are small).
 *
 * @param worst by objective, the reference value of each cost (the accuracy entry is unused)
 */
public record Hypervolume(List<io.cnnga.engine.plan.Objective> objectives, double[] worst) {

    public Hypervolume {
        objectives = List.copyOf(objectives);
        worst = worst.clone();
    }

    /** The hypervolume of {@code points} (objective values as measured). */
    public double of(List<ObjectiveValues> points) {
        List<double[]> scaled = new ArrayList<>();
        for (ObjectiveValues v : points) {
            double[] s = new double[objectives.size()];
            boolean inside = true;
            for (int i = 0; i < s.length; i++) {
                double x = v.get(i);
                s[i] = objectives.get(i).maximised() ? x : 1 - x / worst[i];
                inside &= Double.isFinite(s[i]) && s[i] > 0;
            }
            if (inside) {
                scaled.add(s);
            }
        }
        return volume(scaled, objectives.size());
    }

    /** The volume that {@code points} (all coordinates in (0, 1], maximised) dominate over the origin. */
    static double volume(List<double[]> points, int dims) {
        if (points.isEmpty()) {
            return 0;
        }
        if (dims == 1) {
            return points.stream().mapToDouble(p -> p[0]).max().orElse(0);
        }
        // slice along the last coordinate, from the top down
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[dims - 1]).reversed());
        double total = 0;
        List<double[]> above = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            above.add(sorted.get(i));
            double top = sorted.get(i)[dims - 1];
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[dims - 1] : 0;
            if (top > next) {
                total += volume(above, dims - 1) * (top - next);
            }
        }
        return total;
    }
}
