package io.cnnga.engine.cli;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.run.Journal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code engine resume DIR}: continues an interrupted run from its journal; trials already in it
 * are not trained again.
 *
 * <pre>{@code
 * bin/engine resume runs/fashion-quickstart
 * }</pre>
 */
@Command(name = "resume", description = "Continue an interrupted run from its journal.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path planFile = dir.resolve("plan.json");
        if (!Files.isRegularFile(planFile) || !Files.isRegularFile(dir.resolve(Journal.FILE))) {
            throw new InvalidInputException(dir + ": not a run folder (it needs plan.json and " + Journal.FILE
                    + "); start a run with 'engine run PLAN.json --out " + dir + "'");
        }
        Plan plan = PlanReader.read(planFile);
        return RunCommand.execute(plan, dir, "bin/engine resume " + StopNotice.shellWord(dir.toString()), common, spec);
    }
}
