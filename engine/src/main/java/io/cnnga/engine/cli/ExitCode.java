package io.cnnga.engine.cli;

/**
 * The exit statuses of {@code bin/engine}.
 *
 * <pre>{@code
 * bin/engine validate bad.json; echo $?   # 2
 * }</pre>
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** A failure inside the engine: a bug, or the machine (disk full). */
    public static final int INTERNAL = 1;
    /** Bad usage, a bad plan, bad data, an unknown plugin, more than the heap holds: the user can fix it. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
