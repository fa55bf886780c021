package io.cnnga.engine.trial;

import io.cnnga.api.Checkpoint;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A place in a trial's training where a pruner may judge it: a configured checkpoint (its
 * validation accuracy measured on the fixed validation sample), or the end of an epoch before the
 * last (on the whole validation split). Trials of one plan share their points, so values there
 * compare.
 *
 * <pre>{@code
 * List<PruningPoint> points = PruningPoint.of(config);   // e.g. checkpoint 0 at 0.25, checkpoint 1 at 0.5
 * points.get(0).valueIn(result);                         // that trial's accuracy there, if it got there
 * }</pre>
 *
 * @param fraction   the fraction of the training done there, in (0, 1)
 * @param checkpoint the index of the configured checkpoint, or -1 for an epoch's end
 * @param epoch      the epoch that ends there, or 0 for a checkpoint
 */
public record PruningPoint(double fraction, int checkpoint, int epoch) {

    /** Every point of a training, in order: its checkpoints and the ends of its epochs but the last. */
    public static List<PruningPoint> of(TrainingConfig config) {
        List<PruningPoint> points = new ArrayList<>();
        for (int k = 0; k < config.checkpoints().size(); k++) {
            points.add(new PruningPoint(config.checkpoints().get(k), k, 0));
        }
        for (int e = 1; e < config.epochs(); e++) {
            points.add(new PruningPoint(e / (double) config.epochs(), -1, e));
        }
        points.sort(java.util.Comparator.comparingDouble(PruningPoint::fraction).thenComparingInt(PruningPoint::epoch));
        return List.copyOf(points);
    }

    /** The trial's validation accuracy here; empty when its training did not get here. */
    public OptionalDouble valueIn(TrialResult result) {
        return valueIn(result.history());
    }

    /** The validation accuracy a training's history has here; empty when it did not get here. */
    public OptionalDouble valueIn(List<EpochMetrics> history) {
        if (epoch > 0) {
            return history.size() >= epoch && history.get(epoch - 1).complete()
                    ? OptionalDouble.of(history.get(epoch - 1).validationAccuracy()) : OptionalDouble.empty();
        }
        int k = 0;
        for (EpochMetrics m : history) {
            for (Checkpoint c : m.checkpoints()) {
                if (k++ == checkpoint) {
                    return OptionalDouble.of(c.validationAccuracy());
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** "25% of its training", or "the end of epoch 1 of 2", for reasons people read. */
    public String describe(int epochs) {
        return epoch > 0 ? "the end of epoch " + epoch + " of " + epochs
                : String.format(java.util.Locale.ROOT, "%.0f%% of its training", fraction * 100);
    }
}
