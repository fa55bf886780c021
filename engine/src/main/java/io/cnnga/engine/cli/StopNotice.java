package io.cnnga.engine.cli;

import io.cnnga.engine.journal.Journal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Tells the user how to go on when the JVM is stopped (SIGTERM, Ctrl-C's SIGINT, a logout's
 * SIGHUP) while a run is in progress: one line on stderr, from a shutdown hook.
 *
 * <pre>{@code
 * try (StopNotice notice = StopNotice.install(dir, "bin/engine run plan.json --out " + dir, System.err)) {
 *     new SearchRun(plan, registry, console).execute(dir);
 * }
 * // killed meanwhile: "stopped; resume with: bin/engine resume runs/quickstart"
 * }</pre>
 *
 * <p>Closing it (the run ended, normally or with an error that was already reported) removes the
 * hook, so a finished run exits silently. SIGKILL runs no hook: nothing can print then, and the
 * journal is what lets the run be resumed all the same.
 */
final class StopNotice implements AutoCloseable {

    /** Characters a POSIX shell takes literally in a word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/+,:=@%-]+");

    private final Thread hook;
    private volatile boolean finished;

    private StopNotice(Path dir, String startAgain, PrintStream err) {
        boolean terminal = System.console() != null;
        this.hook = new Thread(() -> {
            if (!finished) {
                // On a terminal the progress bar holds the line: start a fresh one.
                err.println((terminal ? "\n" : "") + message(dir, startAgain));
                err.flush();
            }
        }, "cnnga-stop-notice");
    }

    /**
     * @param dir        the run folder
     * @param startAgain the command that starts the run from scratch, for a stop before its journal exists
     * @param err        where the line goes
     */
    static StopNotice install(Path dir, String startAgain, PrintStream err) {
        StopNotice notice = new StopNotice(dir, startAgain, err);
        Runtime.getRuntime().addShutdownHook(notice.hook);
        return notice;
    }

    /**
     * The line for a run stopped in {@code dir}: resume it once its journal exists, else start it
     * again (it was stopped while loading its data).
     */
    static String message(Path dir, String startAgain) {
        if (Files.exists(dir.resolve(Journal.FILE))) {
            return "stopped; resume with: bin/engine resume " + shellWord(dir.toString());
        }
        return "stopped before the run had recorded anything; start it again with: " + startAgain;
    }

    /** {@code text} as one shell word: as is when plain, else in single quotes. */
    static String shellWord(String text) {
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook runs now and sees finished.
        }
    }
}
