package io.cnnga.engine.run;

import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.trial.PruningOrder;
import io.cnnga.engine.trial.PruningPoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The median pruner's floors for a generation: at each pruning point, the median validation
 * accuracy that the trials of earlier generations reached there, once {@code warmupTrials} of
 * them did.
 *
 * <pre>{@code
 * PruningOrder order = MedianFloors.order(points, earlierResults, 4);
 * }</pre>
 *
 * <p>Only trials a backend trained count (complete or stopped, not cached copies, not failed), and
 * a stopped one only at the points it reached. The floors depend on earlier generations alone,
 * not on the order in which this generation's trials finish, so every executor, and a resumed
 * run, gives every trial the same order.
 */
final class MedianFloors {

    private MedianFloors() {
    }

    static PruningOrder order(List<PruningPoint> points, List<TrialResult> earlier, int warmupTrials) {
        Map<Integer, PruningOrder.Floor> floors = new HashMap<>();
        for (int p = 0; p < points.size(); p++) {
            List<Double> values = new ArrayList<>();
            for (TrialResult r : earlier) {
                if (r.status() == TrialStatus.COMPLETE || r.status() == TrialStatus.PRUNED) {
                    OptionalDouble v = points.get(p).valueIn(r);
                    if (v.isPresent()) {
                        values.add(v.getAsDouble());
                    }
                }
            }
            if (!values.isEmpty() && values.size() >= warmupTrials) {
                floors.put(p, new PruningOrder.Floor(median(values), values.size()));
            }
        }
        return PruningOrder.floors(floors);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
