package io.cnnga.engine.journal;

import io.cnnga.api.InvalidInputException;

/**
 * A journal whose middle is not one JSON event per line: it was edited or damaged, and a run
 * cannot be resumed from it.
 *
 * <pre>{@code
 * throw new JournalCorruptException("runs/x/journal.jsonl: line 7 is not a journal event");
 * }</pre>
 */
public class JournalCorruptException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public JournalCorruptException(String message) {
        super(message);
    }
}
