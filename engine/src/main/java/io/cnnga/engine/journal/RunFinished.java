package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * The journal's last event: the run is over and {@code summary.json} written.
 *
 * <pre>{@code
 * journal.append(new RunFinished(Instant.now(), summary.seconds(), scheduler.trainedHere()));
 * }</pre>
 *
 * @param time                 when the run finished
 * @param seconds              the run's wall time, summed over the processes that worked on it
 * @param trainedByThisProcess trainings the finishing process ran itself (not replayed, not cached)
 */
@JsonPropertyOrder({"time", "seconds", "trainedByThisProcess"})
public record RunFinished(@JsonProperty(required = true) Instant time,
                          @JsonProperty(required = true) double seconds,
                          int trainedByThisProcess) implements JournalEvent {

    public static final String TYPE = "run-finished";

    public RunFinished {
        Events.require(time != null, "time", "is missing");
        Events.require(seconds >= 0, "seconds", "must be >= 0, was " + seconds);
    }
}
