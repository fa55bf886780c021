package io.cnnga.api;

/**
 * Why and where a trial's training was stopped before its end: by its time limit, or by a pruner
 * judging it at a checkpoint.
 *
 * <pre>{@code
 * TrialStop stop = new TrialStop(TrialStop.MEDIAN_PRUNER, 0.25);   // stopped after a quarter of its training
 * stop.byPruner();                                                  // true
 * }</pre>
 *
 * @param cause    {@link #TIME_LIMIT}, {@link #MEDIAN_PRUNER} or {@link #SUCCESSIVE_HALVING}
 * @param fraction the fraction of its training the trial had done, in (0, 1]
 */
public record TrialStop(String cause, double fraction) {

    /** The plan's {@code training.maxTrialSeconds} ran out. */
    public static final String TIME_LIMIT = "time-limit";
    /** Below the median of earlier trials at a checkpoint. */
    public static final String MEDIAN_PRUNER = "median-pruner";
    /** Trained to its rung of successive halving and not promoted further. */
    public static final String SUCCESSIVE_HALVING = "successive-halving";

    public TrialStop {
        if (!TIME_LIMIT.equals(cause) && !MEDIAN_PRUNER.equals(cause) && !SUCCESSIVE_HALVING.equals(cause)) {
            throw new IllegalArgumentException("cause must be " + TIME_LIMIT + ", " + MEDIAN_PRUNER + " or "
                    + SUCCESSIVE_HALVING + ", was " + cause);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
        }
    }

    /** Whether a pruner stopped it (not its time limit). */
    public boolean byPruner() {
        return !TIME_LIMIT.equals(cause);
    }
}
