package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Genome;
import io.cnnga.api.InferenceLatency;
import io.cnnga.api.Precision;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.api.TrialStop;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A trial's result, journalled the moment it exists: trained, taken from the cache, or refused.
 *
 * <pre>{@code
 * journal.append(TrialFinished.of(result, startedAt, Instant.now()));
 * TrialResult again = event.result();
 * }</pre>
 *
 * <p>The same fields, without the times, are what a worker process or a cluster task sends back
 * ({@link JournalJson#writeResult}).
 *
 * @param time      when it was journalled (null in a worker's answer)
 * @param startedAt when its training started (its journalling, for cached and refused trials)
 * @param generation 0-based generation
 * @param index     position within the generation's batch
 * @param genome    the bits
 * @param status    how it ended
 * @param fitness   validation accuracy (0 when failed)
 * @param history   per-epoch metrics
 * @param params    parameters of the network
 * @param flops     forward FLOPs per image
 * @param seconds   wall time spent
 * @param reason    why it failed, was pruned or cached; empty when complete
 * @param stoppedBy what stopped a pruned trial ({@link TrialStop#TIME_LIMIT}, {@link TrialStop#MEDIAN_PRUNER},
 *                  {@link TrialStop#SUCCESSIVE_HALVING}); null when not stopped, and in journals of
 *                  engines before pruners
 * @param stoppedAt the fraction of its training it had done when stopped; null when not stopped
 * @param latencyMs its network's inference milliseconds per image at batch 1, when the search
 *                  measures latency; null otherwise
 * @param latencyDevice where that was measured
 * @param precision what its training computed in ({@code fp32}, {@code bf16}; a cached trial: its
 *                  original's); null when no training session was opened, and in journals of
 *                  engines before the field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"time", "startedAt", "generation", "index", "genome", "status", "fitness", "history", "params",
        "flops", "seconds", "reason", "stoppedBy", "stoppedAt", "latencyMs", "latencyDevice", "precision"})
public record TrialFinished(Instant time, Instant startedAt,
                            @JsonProperty(required = true) int generation,
                            @JsonProperty(required = true) int index,
                            @JsonProperty(required = true) String genome,
                            @JsonProperty(required = true) TrialStatus status,
                            @JsonProperty(required = true) double fitness,
                            List<EpochMetrics> history,
                            @JsonProperty(required = true) long params,
                            @JsonProperty(required = true) long flops,
                            @JsonProperty(required = true) double seconds,
                            String reason, String stoppedBy, Double stoppedAt, Double latencyMs, String latencyDevice,
                            String precision)
        implements JournalEvent {

    public static final String TYPE = "trial-finished";

    public TrialFinished {
        Events.require(genome != null && !genome.isEmpty(), "genome", "is missing");
        Events.require(genome.chars().allMatch(c -> c == '0' || c == '1'), "genome",
                "must be a string of 0s and 1s, was \"" + genome + "\"");
        Events.require(status != null, "status", "is missing");
        Events.require(index >= 0, "index", "must be >= 0, was " + index);
        Events.require(Double.isFinite(fitness), "fitness", "must be a finite number, was " + fitness);
        Events.require(params >= 0 && flops >= 0, "params", "parameters and FLOPs must be >= 0");
        history = history == null ? List.of() : List.copyOf(history);
        reason = reason == null ? "" : reason;
        if (stoppedBy != null) {
            Events.require(List.of(TrialStop.TIME_LIMIT, TrialStop.MEDIAN_PRUNER, TrialStop.SUCCESSIVE_HALVING)
                    .contains(stoppedBy), "stoppedBy", "is not a known cause: \"" + stoppedBy + "\"");
            Events.require(stoppedAt != null && stoppedAt > 0 && stoppedAt <= 1, "stoppedAt", "must be in (0, 1], was "
                    + stoppedAt);
        }
        if (latencyMs != null) {
            Events.require(latencyMs >= 0 && Double.isFinite(latencyMs), "latencyMs", "must be >= 0, was " + latencyMs);
            Events.require(latencyDevice != null && !latencyDevice.isBlank(), "latencyDevice", "is missing");
        }
        Events.require(precision == null || Precision.ofId(precision).isPresent(),
                "precision", "must be one of " + Arrays.stream(Precision.values()).map(Precision::id).toList()
                        + ", was \"" + precision + "\"");
    }

    /** The event of a result without a stop (all results before pruners). */
    public TrialFinished(Instant time, Instant startedAt, int generation, int index, String genome, TrialStatus status,
                         double fitness, List<EpochMetrics> history, long params, long flops, double seconds,
                         String reason) {
        this(time, startedAt, generation, index, genome, status, fitness, history, params, flops, seconds, reason,
                null, null, null, null, null);
    }

    /** The event for {@code result}. */
    public static TrialFinished of(TrialResult r, Instant startedAt, Instant time) {
        return new TrialFinished(time, startedAt, r.generation(), r.index(), r.genome().bits(), r.status(), r.fitness(),
                r.history(), r.params(), r.flops(), r.seconds(), r.reason(),
                r.stop() == null ? null : r.stop().cause(), r.stop() == null ? null : r.stop().fraction(),
                r.latency() == null ? null : r.latency().millis(), r.latency() == null ? null : r.latency().device(),
                r.precision() == null ? null : r.precision().id());
    }

    /** The result it records. */
    public TrialResult result() {
        return new TrialResult(generation, index, Genome.of(genome), status, fitness, history, params, flops, seconds,
                reason, stoppedBy == null ? null : new TrialStop(stoppedBy, stoppedAt),
                latencyMs == null ? null : new InferenceLatency(latencyMs, latencyDevice),
                precision == null ? null : Precision.ofId(precision).orElseThrow());
    }

    /** When its training started; its journalling when that was not recorded. */
    public Instant startedOrJournalled() {
        return startedAt != null ? startedAt : time;
    }
}
