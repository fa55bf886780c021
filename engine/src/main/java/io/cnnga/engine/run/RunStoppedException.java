package io.cnnga.engine.run;

/**
 * A run that cannot go on although nothing is wrong with the engine: every trial of a
 * generation failed. The command line prints the message as one line and exits 1.
 *
 * <pre>{@code
 * throw new RunStoppedException("every trial of generation 0 failed; first reason: loss became NaN ...");
 * }</pre>
 */
public class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunStoppedException(String message) {
        super(message);
    }
}
