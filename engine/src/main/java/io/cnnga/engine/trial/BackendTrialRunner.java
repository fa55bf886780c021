package io.cnnga.engine.trial;

import io.cnnga.api.Backend;
import io.cnnga.api.Checkpoint;
import io.cnnga.api.DataSplits;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Precision;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialRunner;
import io.cnnga.api.TrialStop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a trial with a backend on loaded data, within the plan's time budget and the trial's
 * {@link PruningOrder}; turns every failure into a {@code FAILED} result, so a trial never ends a
 * run.
 *
 * <pre>{@code
 * BackendTrialRunner runner = new BackendTrialRunner(backend, splits, 300);
 * TrialResult result = runner.run(trial, TrainingListener.NONE);              // to its end
 * TrialResult judged = runner.run(trial, TrainingListener.NONE, order);       // may be pruned
 * }</pre>
 *
 * <p>A trial stopped early is {@code PRUNED} with a {@link TrialStop}: by its time limit, or by
 * its order at a pruning point (a checkpoint, where the backend ends the epoch with the
 * checkpoint's values, or an epoch's end, after which no further epoch starts); its fitness is the
 * validation accuracy it had reached there.
 */
public final class BackendTrialRunner implements TrialRunner {

    private final Backend backend;
    private final DataSplits data;
    private final double maxSeconds;
    private final boolean measureLatency;

    /**
     * @param maxSeconds a training running longer is stopped and the trial is pruned; 0 = no limit
     */
    public BackendTrialRunner(Backend backend, DataSplits data, double maxSeconds) {
        this(backend, data, maxSeconds, false);
    }

    /**
     * @param maxSeconds     a training running longer is stopped and the trial is pruned; 0 = no limit
     * @param measureLatency whether a complete trial's network has its inference latency measured
     *                       (a multi-objective search that minimises it)
     */
    public BackendTrialRunner(Backend backend, DataSplits data, double maxSeconds, boolean measureLatency) {
        this.backend = backend;
        this.data = data;
        this.maxSeconds = maxSeconds;
        this.measureLatency = measureLatency;
    }

    @Override
    public TrialResult run(Trial trial, TrainingListener listener) {
        return run(trial, listener, PruningOrder.NONE);
    }

    /** Trains {@code trial}, stopping it where {@code order} says. */
    public TrialResult run(Trial trial, TrainingListener listener, PruningOrder order) {
        long start = System.nanoTime();
        int epochs = trial.config().epochs();
        Watch watch = new Watch(trial, listener, order, maxSeconds > 0 ? start + (long) (maxSeconds * 1e9) : Long.MAX_VALUE);
        List<EpochMetrics> history = new ArrayList<>();
        Precision precision = null;
        try (TrainingSession session = backend.open(trial.spec(), trial.config())) {
            precision = session.precision();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                EpochMetrics metrics = session.trainEpoch(epoch, data.train(), data.validation(), watch);
                history.add(metrics);
                if (watch.pruned != null) {
                    return TrialResult.pruned(trial, history, seconds(start), watch.reason, watch.pruned)
                            .withPrecision(precision);
                }
                if (!metrics.complete() || (watch.timeUp() && epoch < epochs)) {
                    double done = metrics.complete() ? epoch / (double) epochs : watch.doneFraction(epochs);
                    return TrialResult.pruned(trial, history, seconds(start), String.format(Locale.ROOT,
                                    "stopped by training.maxTrialSeconds (%.0f s) in epoch %d of %d", maxSeconds,
                                    metrics.complete() ? epoch + 1 : epoch, epochs),
                            new TrialStop(TrialStop.TIME_LIMIT, Math.max(Math.min(done, 1), 1e-9)))
                            .withPrecision(precision);
                }
            }
            TrialResult complete = TrialResult.complete(trial, history, seconds(start)).withPrecision(precision);
            return measureLatency ? session.inferenceLatency().map(complete::withLatency).orElse(complete) : complete;
        } catch (RuntimeException | OutOfMemoryError e) {
            return TrialResult.failed(trial, history, seconds(start), reason(e)).withPrecision(precision);
        }
    }

    /** Passes the training's progress on, and decides at each pruning point whether it goes on. */
    private static final class Watch implements TrainingListener {
        private final Trial trial;
        private final TrainingListener listener;
        private final PruningOrder order;
        private final long deadline;
        private final List<PruningPoint> points;
        private int checkpointsSeen;
        private int lastEpoch = 1;
        private double lastStepFraction;
        TrialStop pruned;
        String reason;

        Watch(Trial trial, TrainingListener listener, PruningOrder order, long deadline) {
            this.trial = trial;
            this.listener = listener;
            this.order = order;
            this.deadline = deadline;
            this.points = PruningPoint.of(trial.config());
        }

        @Override
        public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
            lastEpoch = epoch;
            lastStepFraction = step / (double) steps;
            listener.onStep(epoch, step, steps, loss, accuracy);
        }

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {
            listener.onCheckpoint(checkpoint);
            int k = checkpointsSeen++;
            for (int p = 0; p < points.size(); p++) {
                if (points.get(p).checkpoint() == k) {
                    judge(p, checkpoint.validationAccuracy());
                }
            }
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            listener.onEpoch(metrics);
            if (pruned == null && metrics.complete()) {
                for (int p = 0; p < points.size(); p++) {
                    if (points.get(p).epoch() == metrics.epoch()) {
                        judge(p, metrics.validationAccuracy());
                    }
                }
            }
        }

        private void judge(int point, double value) {
            if (order.none() || pruned != null) {
                return;
            }
            PruningPoint at = points.get(point);
            String where = at.describe(trial.config().epochs());
            if (order.stopAt() == point) {
                pruned = new TrialStop(order.cause(), at.fraction());
                reason = String.format(Locale.ROOT, "successive halving: trained to its rung at %s, validation "
                        + "accuracy %.4f there", where, value);
                return;
            }
            PruningOrder.Floor floor = order.floors().get(point);
            if (floor != null && value < floor.value()) {
                pruned = new TrialStop(order.cause(), at.fraction());
                reason = String.format(Locale.ROOT, "median pruner: at %s its validation accuracy %.4f was below "
                        + "the median %.4f of %d earlier trials", where, value, floor.value(), floor.trials());
            }
        }

        boolean timeUp() {
            return System.nanoTime() > deadline;
        }

        double doneFraction(int epochs) {
            return (lastEpoch - 1 + lastStepFraction) / epochs;
        }

        @Override
        public boolean stopRequested() {
            return pruned != null || timeUp() || listener.stopRequested();
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return e instanceof io.cnnga.api.TrainingFailedException ? firstLine
                : e.getClass().getSimpleName() + ": " + firstLine;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
