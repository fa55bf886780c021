package io.cnnga.api;

import java.util.List;

/**
 * The outcome of one trial: status, fitness, history and costs.
 *
 * <pre>{@code
 * TrialResult r = TrialResult.complete(trial, history, 41.2);
 * r.fitness();   // history's last validation accuracy
 * }</pre>
 *
 * @param generation 0-based generation
 * @param index      position within the generation's batch
 * @param genome     the bits
 * @param status     how it ended
 * @param fitness    validation accuracy (0 when failed)
 * @param history    per-epoch metrics, possibly empty
 * @param params     parameters of the network
 * @param flops      forward FLOPs per image
 * @param seconds    wall time spent (0 when cached)
 * @param reason     why it failed, was pruned or cached; empty when complete
 */
public record TrialResult(int generation, int index, Genome genome, TrialStatus status, double fitness,
                          List<EpochMetrics> history, long params, long flops, double seconds, String reason) {

    public TrialResult {
        if (genome == null || status == null) {
            throw new IllegalArgumentException("a result needs a genome and a status");
        }
        history = history == null ? List.of() : List.copyOf(history);
        reason = reason == null ? "" : reason;
        if (!Double.isFinite(fitness)) {
            fitness = 0;
        }
    }

    public static TrialResult complete(Trial trial, List<EpochMetrics> history, double seconds) {
        double fitness = history.isEmpty() ? 0 : history.get(history.size() - 1).validationAccuracy();
        return of(trial, TrialStatus.COMPLETE, fitness, history, seconds, "");
    }

    public static TrialResult pruned(Trial trial, List<EpochMetrics> history, double seconds, String reason) {
        double fitness = history.isEmpty() ? 0 : history.get(history.size() - 1).validationAccuracy();
        return of(trial, TrialStatus.PRUNED, fitness, history, seconds, reason);
    }

    public static TrialResult failed(Trial trial, List<EpochMetrics> history, double seconds, String reason) {
        return of(trial, TrialStatus.FAILED, 0, history, seconds, reason);
    }

    /** The trial was not trained: {@code earlier} trained the same network. */
    public static TrialResult cached(Trial trial, TrialResult earlier) {
        return of(trial, TrialStatus.CACHED, earlier.fitness(), earlier.history(), 0,
                "same network as " + earlier.genome() + " (generation " + earlier.generation() + ")");
    }

    private static TrialResult of(Trial trial, TrialStatus status, double fitness, List<EpochMetrics> history,
                                  double seconds, String reason) {
        return new TrialResult(trial.generation(), trial.index(), trial.genome(), status, fitness, history,
                trial.spec().params(), trial.spec().forwardFlops(), seconds, reason);
    }

    /** Whether a backend trained it (complete, pruned or failed), rather than a cache hit. */
    public boolean trained() {
        return status != TrialStatus.CACHED;
    }
}
