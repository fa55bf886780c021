package io.cnnga.engine.run;

import io.cnnga.api.Backend;
import io.cnnga.api.DataSplits;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a trial with a backend on loaded data, within the plan's time budget; turns every
 * failure into a {@code FAILED} result, so a trial never ends a run.
 *
 * <pre>{@code
 * TrialRunner runner = new BackendTrialRunner(backend, splits, 300);
 * TrialResult result = runner.run(trial, TrainingListener.NONE);
 * }</pre>
 */
public final class BackendTrialRunner implements TrialRunner {

    private final Backend backend;
    private final DataSplits data;
    private final double maxSeconds;

    /**
     * @param maxSeconds a training running longer is stopped and the trial is pruned; 0 = no limit
     */
    public BackendTrialRunner(Backend backend, DataSplits data, double maxSeconds) {
        this.backend = backend;
        this.data = data;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public TrialResult run(Trial trial, TrainingListener listener) {
        long start = System.nanoTime();
        long deadline = maxSeconds > 0 ? start + (long) (maxSeconds * 1e9) : Long.MAX_VALUE;
        TrainingListener budgeted = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
                listener.onStep(epoch, step, steps, loss, accuracy);
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                listener.onEpoch(metrics);
            }

            @Override
            public boolean stopRequested() {
                return System.nanoTime() > deadline || listener.stopRequested();
            }
        };
        List<EpochMetrics> history = new ArrayList<>();
        try (TrainingSession session = backend.open(trial.spec(), trial.config())) {
            for (int epoch = 1; epoch <= trial.config().epochs(); epoch++) {
                EpochMetrics metrics = session.trainEpoch(epoch, data.train(), data.validation(), budgeted);
                history.add(metrics);
                if (!metrics.complete() || (budgeted.stopRequested() && epoch < trial.config().epochs())) {
                    return TrialResult.pruned(trial, history, seconds(start), String.format(Locale.ROOT,
                            "stopped by training.maxTrialSeconds (%.0f s) in epoch %d of %d", maxSeconds,
                            metrics.complete() ? epoch + 1 : epoch, trial.config().epochs()));
                }
            }
            return TrialResult.complete(trial, history, seconds(start));
        } catch (RuntimeException | OutOfMemoryError e) {
            return TrialResult.failed(trial, history, seconds(start), reason(e));
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
