package io.cnnga.engine.journal;

import java.time.Instant;

/**
 * One line of a run's {@code journal.jsonl}: a JSON object whose {@code type} names the event.
 *
 * <pre>{@code
 * journal.append(new RunFinished(Instant.now(), 431.9, 24));
 * // {"type":"run-finished","time":"2026-12-04T08:46:18.687Z","seconds":431.9,"trainedByThisProcess":24}
 * for (JournalEvent event : Journal.read(file).events()) {
 *     if (event instanceof TrialFinished trial) { ... }
 * }
 * }</pre>
 *
 * <p>Each event is a record that checks its fields when it is built, so a journal line with a
 * missing or malformed field is refused when it is read, naming the line and the field. New kinds
 * of event are new records here; a reader meets an event type it does not know (a journal written
 * by a newer engine) as {@link #UNKNOWN} lines, which it skips.
 */
public sealed interface JournalEvent
        permits RunStarted, RunResumed, TrialFinished, GenerationFinished, FinalFinished, RunFinished {

    /** The event types this engine reads; a line of another type is skipped. */
    java.util.Map<String, Class<? extends JournalEvent>> TYPES = java.util.Map.of(
            RunStarted.TYPE, RunStarted.class,
            RunResumed.TYPE, RunResumed.class,
            TrialFinished.TYPE, TrialFinished.class,
            GenerationFinished.TYPE, GenerationFinished.class,
            FinalFinished.TYPE, FinalFinished.class,
            RunFinished.TYPE, RunFinished.class);

    /** The {@code type} of an event line that is not one of {@link #TYPES}. */
    String UNKNOWN = "unknown";

    /** When the event was journalled. */
    Instant time();

    /** The {@code type} it is written with, e.g. {@code trial-finished}. */
    default String type() {
        return TYPES.entrySet().stream().filter(e -> e.getValue() == getClass()).map(java.util.Map.Entry::getKey)
                .findFirst().orElseThrow();
    }
}
