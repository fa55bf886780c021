package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * A process took up a run that an earlier one started: the wall time of a run is the sum of its
 * processes' times, not the calendar time from its start (which would count the hours between).
 *
 * <pre>{@code
 * journal.append(new RunResumed(Instant.now(), 26));   // 26 trials were already journalled
 * }</pre>
 *
 * @param time     when this process began working on the run
 * @param replayed trials already in the journal
 */
@JsonPropertyOrder({"time", "replayed"})
public record RunResumed(@JsonProperty(required = true) Instant time, int replayed) implements JournalEvent {

    public static final String TYPE = "run-resumed";

    public RunResumed {
        Events.require(time != null, "time", "is missing");
        Events.require(replayed >= 0, "replayed", "must be >= 0, was " + replayed);
    }
}
