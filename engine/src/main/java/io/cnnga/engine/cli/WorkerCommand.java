package io.cnnga.engine.cli;

import io.cnnga.engine.executor.TrialWorker;
import io.cnnga.engine.executor.WorkerOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code engine worker}: trains one trial read as JSON from standard input and writes its result
 * as JSON on standard output. The local executor starts one per trial with
 * {@code "isolation": "process"}; not meant to be typed, hence hidden from the help.
 *
 * <pre>{@code
 * echo '{"plan": {...}, "trial": {"generation": 0, "index": 0, "genome": "0101...",
 *        "config": {"epochs": 1, "batchSize": 32, "learningRate": 0.001, "seed": 42}}}' \
 *   | bin/engine worker --plugin-dir ~/my-plugins
 * }</pre>
 *
 * <p>Standard output carries only the protocol of {@link WorkerOutput} (progress lines, then the
 * result); anything else that prints on it is sent to standard error. A trial that fails is a
 * result like any other (exit status 0); a request that is not one exits 2. The worker ends
 * itself when the process that started it dies, so no orphan keeps a GPU.
 */
@Command(name = "worker", hidden = true,
        description = "Train one trial read as JSON on stdin; write the result as JSON on stdout (for the local executor).")
final class WorkerCommand implements Callable<Integer> {

    /** Exit status of a worker whose parent died: its result has nobody to go to. */
    static final int ORPHANED = 3;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)));
        String request = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        WorkerOutput.Writer protocol = new WorkerOutput.Writer(spec.commandLine().getOut());
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            protocol.result(TrialWorker.run(request, common.allPluginDirs(), protocol.progress()));
        } finally {
            System.setOut(stdout);
        }
        return ExitCode.OK;
    }
}
