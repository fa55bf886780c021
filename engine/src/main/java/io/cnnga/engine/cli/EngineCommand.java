package io.cnnga.engine.cli;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.run.RunStoppedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code bin/engine} command line.
 *
 * <pre>{@code
 * int status = EngineCommand.commandLine().execute("decode", "01010001110010011100");
 * }</pre>
 *
 * <p>Errors the user can fix ({@link InvalidInputException}, bad arguments, and an
 * {@link OutOfMemoryError}: more data or work than the heap holds) print one line on stderr and
 * exit 2; anything else is an internal error, exit 1. {@code --debug} adds the stack trace.
 */
// INHERIT gives every subcommand --help and --version too.
@Command(name = "engine", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = EngineVersion.class,
        description = "Evolves convolutional image classifiers with a genetic algorithm.",
        subcommands = {RunCommand.class, ResumeCommand.class, ValidateCommand.class, DecodeCommand.class, PluginsCommand.class,
                BenchCommand.class, DataCommand.class, WorkerCommand.class, ReportCommand.class, CompareCommand.class,
                StudyCommand.class, PredictCommand.class})
public final class EngineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A command line with the engine's error handling, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EngineCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean debug = Arrays.asList(parseResult.originalArgs().toArray(new String[0])).contains("--debug");
            int status;
            if (e instanceof InvalidInputException) {
                err.println("error: " + e.getMessage());
                status = ExitCode.BAD_INPUT;
            } else if (e instanceof UncheckedIOException) {
                // the machine failed the engine (a full disk, a folder gone): the message names the file and the cause
                err.println("error: " + e.getMessage());
                status = ExitCode.INTERNAL;
            } else if (e instanceof RunStoppedException) {
                err.println("run stopped: " + e.getMessage());
                status = ExitCode.INTERNAL;
            } else {
                err.println("internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
                status = ExitCode.INTERNAL;
            }
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return status;
        });
        // picocli hands only Exceptions to the handler above: an OutOfMemoryError (a data file or a
        // plan asking for more than the heap, in a plugin that did not catch it) would end the JVM
        // with a stack trace and status 1.
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cli.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } catch (OutOfMemoryError e) {
                PrintWriter err = cli.getErr();
                err.println("error: " + outOfMemory(e));
                if (parseResult.originalArgs().contains("--debug")) {
                    e.printStackTrace(err);
                }
                err.flush();
                return ExitCode.BAD_INPUT;
            }
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("error: " + e.getMessage() + " (see 'engine "
                    + (failed.getCommandName().equals("engine") ? "" : failed.getCommandName() + " ") + "--help')");
            err.flush();
            return ExitCode.BAD_INPUT;
        });
        return cli;
    }

    /** The one line for an {@link OutOfMemoryError} that reached the command line. */
    static String outOfMemory(OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        return String.format(Locale.ROOT, "out of memory (%s; the JVM's maximum heap is %.1f GB): give Java more memory"
                + " (JAVA_OPTS=-Xmx%dg bin/engine ...), or ask for less: smaller trainLimit and testLimit, a smaller"
                + " population or batch size", e.getMessage() == null ? "no detail" : e.getMessage(),
                max / (double) (1L << 30), Math.max(2, 2 * ((max + (1L << 30) - 1) >> 30)));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
