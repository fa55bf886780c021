package io.cnnga.engine.cli;

import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code engine run PLAN.json [--out DIR]}: the search, the final training and the summary;
 * resumes if DIR holds an unfinished run of the same plan.
 *
 * <pre>{@code
 * bin/engine run plans/quickstart.json
 * bin/engine run plans/quickstart.json --out runs/try-2
 * }</pre>
 */
@Command(name = "run", description = "Run a plan: evolve, train the best network, test it, export it.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.json")
    Path planFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: the plan's output).")
    Path out;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = PlanReader.read(planFile);
        Path dir = out != null ? out : Path.of(plan.output());
        String startAgain = "bin/engine run " + StopNotice.shellWord(planFile.toString()) + " --out "
                + StopNotice.shellWord(dir.toString());
        return execute(plan, dir, startAgain, common, spec);
    }

    /**
     * Runs or resumes {@code plan} in {@code dir}; stopped by a signal meanwhile, it prints how to go
     * on (see {@link StopNotice}).
     *
     * @param startAgain the command that starts the run from scratch
     */
    static int execute(Plan plan, Path dir, String startAgain, CommonOptions common,
                       CommandLine.Model.CommandSpec spec) {
        RunConsole console = new RunConsole(System.console() != null, spec.commandLine().getOut());
        try (StopNotice notice = StopNotice.install(dir, startAgain, System.err)) {
            new SearchRun(plan, common.registry(), console).execute(dir);
        }
        return ExitCode.OK;
    }
}
