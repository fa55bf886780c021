package io.cnnga.engine.trial;

import io.cnnga.api.TrialStop;

import java.util.Map;
import java.util.TreeMap;

/**
 * What may stop one trial before its end besides its time limit, decided by the engine before the
 * trial starts and carried with it wherever it trains: floors at pruning points (the median
 * pruner: below the floor, the trial stops) and a point to stop at whatever happens (a rung of
 * successive halving).
 *
 * <pre>{@code
 * PruningOrder median = PruningOrder.floors(Map.of(0, new PruningOrder.Floor(0.71, 8)));   // at point 0
 * PruningOrder rung = PruningOrder.stopAt(1);                                              // at point 1
 * runner.run(trial, listener, median);
 * }</pre>
 *
 * <p>Points are indexes into {@link PruningPoint#of} of the trial's config. An order depends only
 * on what the journal held when its generation's trials were dispatched, so a resumed run gives
 * every trial the order it had.
 *
 * @param cause  {@link TrialStop#MEDIAN_PRUNER} or {@link TrialStop#SUCCESSIVE_HALVING}; null for none
 * @param floors by point: the least validation accuracy a trial must have there to go on
 * @param stopAt the point to stop at, whatever the trial's value; -1 to train to the end
 */
public record PruningOrder(String cause, Map<Integer, Floor> floors, int stopAt) {

    /** Every trial trains to its end. */
    public static final PruningOrder NONE = new PruningOrder(null, Map.of(), -1);

    /**
     * A floor at a point.
     *
     * @param value  the median that earlier trials reached there
     * @param trials how many earlier trials it is the median of
     */
    public record Floor(double value, int trials) {
    }

    public PruningOrder {
        floors = Map.copyOf(new TreeMap<>(floors));
        if ((cause == null) != (floors.isEmpty() && stopAt < 0)) {
            throw new IllegalArgumentException("a pruning order has a cause exactly when it can stop a trial");
        }
    }

    /** The median pruner's order: stop below {@code floors}. */
    public static PruningOrder floors(Map<Integer, Floor> floors) {
        return floors.isEmpty() ? NONE : new PruningOrder(TrialStop.MEDIAN_PRUNER, floors, -1);
    }

    /** Successive halving's order: train to point {@code point}, then stop. */
    public static PruningOrder stopAt(int point) {
        return point < 0 ? NONE : new PruningOrder(TrialStop.SUCCESSIVE_HALVING, Map.of(), point);
    }

    public boolean none() {
        return cause == null;
    }
}
