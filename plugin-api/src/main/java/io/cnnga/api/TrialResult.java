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
 * @param stop       why and where a {@link TrialStatus#PRUNED} trial was stopped (a cached copy of
 *                   one keeps it); null otherwise
 * @param latency    its inference latency, when the search measures it (a cached copy keeps it); null otherwise
 * @param precision  what its training computed in (a cached copy keeps it); null when no training
 *                   session was opened for it
 */
public record TrialResult(int generation, int index, Genome genome, TrialStatus status, double fitness,
                          List<EpochMetrics> history, long params, long flops, double seconds, String reason,
                          TrialStop stop, InferenceLatency latency, Precision precision) {

    public TrialResult {
        if (genome == null || status == null) {
            throw new IllegalArgumentException("a result needs a genome and a status");
        }
        history = history == null ? List.of() : List.copyOf(history);
        reason = reason == null ? "" : reason;
        if (!Double.isFinite(fitness)) {
            fitness = 0;
        }
        if (stop != null && status != TrialStatus.PRUNED && status != TrialStatus.CACHED) {
            throw new IllegalArgumentException("only a pruned trial (or its cached copy) has a stop, not a " + status + " one");
        }
    }

    /** A result without a stop or a latency. */
    public TrialResult(int generation, int index, Genome genome, TrialStatus status, double fitness,
                       List<EpochMetrics> history, long params, long flops, double seconds, String reason) {
        this(generation, index, genome, status, fitness, history, params, flops, seconds, reason, null, null, null);
    }

    /** A result without a latency. */
    public TrialResult(int generation, int index, Genome genome, TrialStatus status, double fitness,
                       List<EpochMetrics> history, long params, long flops, double seconds, String reason,
                       TrialStop stop) {
        this(generation, index, genome, status, fitness, history, params, flops, seconds, reason, stop, null, null);
    }

    /** A result without the precision it trained in. */
    public TrialResult(int generation, int index, Genome genome, TrialStatus status, double fitness,
                       List<EpochMetrics> history, long params, long flops, double seconds, String reason,
                       TrialStop stop, InferenceLatency latency) {
        this(generation, index, genome, status, fitness, history, params, flops, seconds, reason, stop, latency, null);
    }

    /** The same result with its network's measured latency. */
    public TrialResult withLatency(InferenceLatency newLatency) {
        return new TrialResult(generation, index, genome, status, fitness, history, params, flops, seconds, reason, stop,
                newLatency, precision);
    }

    /** The same result with the precision its training computed in. */
    public TrialResult withPrecision(Precision newPrecision) {
        return new TrialResult(generation, index, genome, status, fitness, history, params, flops, seconds, reason, stop,
                latency, newPrecision);
    }

    public static TrialResult complete(Trial trial, List<EpochMetrics> history, double seconds) {
        double fitness = history.isEmpty() ? 0 : history.get(history.size() - 1).validationAccuracy();
        return of(trial, TrialStatus.COMPLETE, fitness, history, seconds, "");
    }

    /**
     * A training stopped before its end: its fitness is the validation accuracy it reached (the
     * last epoch's, which after a stop at a checkpoint is the checkpoint's).
     */
    public static TrialResult pruned(Trial trial, List<EpochMetrics> history, double seconds, String reason,
                                     TrialStop stop) {
        double fitness = history.isEmpty() ? 0 : history.get(history.size() - 1).validationAccuracy();
        return of(trial, TrialStatus.PRUNED, fitness, history, seconds, reason, stop);
    }

    public static TrialResult failed(Trial trial, List<EpochMetrics> history, double seconds, String reason) {
        return of(trial, TrialStatus.FAILED, 0, history, seconds, reason);
    }

    /** The trial was not trained: {@code earlier} trained the same network. */
    public static TrialResult cached(Trial trial, TrialResult earlier) {
        return of(trial, TrialStatus.CACHED, earlier.fitness(), earlier.history(), 0,
                "same network as " + earlier.genome() + " (generation " + earlier.generation() + ")", earlier.stop())
                .withLatency(earlier.latency()).withPrecision(earlier.precision());
    }

    private static TrialResult of(Trial trial, TrialStatus status, double fitness, List<EpochMetrics> history,
                                  double seconds, String reason) {
        return of(trial, status, fitness, history, seconds, reason, null);
    }

    private static TrialResult of(Trial trial, TrialStatus status, double fitness, List<EpochMetrics> history,
                                  double seconds, String reason, TrialStop stop) {
        return new TrialResult(trial.generation(), trial.index(), trial.genome(), status, fitness, history,
                trial.spec().params(), trial.spec().forwardFlops(), seconds, reason, stop);
    }

    /** Whether a backend trained it (complete, pruned or failed), rather than a cache hit. */
    public boolean trained() {
        return status != TrialStatus.CACHED;
    }
}
