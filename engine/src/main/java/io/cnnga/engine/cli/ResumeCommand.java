package io.cnnga.engine.cli;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    /**
     * The plan comes from the journal, the run's source of truth ({@code plan.json} is a copy, and
     * is rewritten if missing); a journal that holds no run yet (its process stopped before the run
     * started) starts one from {@code plan.json}.
     */
    @Override
    public Integer call() {
        Path journal = dir.resolve(Journal.FILE);
        Path planFile = dir.resolve("plan.json");
        if (!Files.isRegularFile(journal)) {
            throw new InvalidInputException(dir + ": not a run folder (it has no " + Journal.FILE
                    + "); start a run with 'engine run PLAN.json --out " + dir + "'");
        }
        Optional<RunRecord> run = RunRecord.of(dir, Journal.read(journal));
        if (run.isEmpty() && !Files.isRegularFile(planFile)) {
            throw new InvalidInputException(dir + ": no run started here (its journal holds no run-started event and "
                    + "there is no plan.json); start the run with 'engine run PLAN.json --out " + dir + "'");
        }
        Plan plan = run.isPresent() ? run.get().plan() : PlanReader.read(planFile);
        return RunCommand.execute(plan, dir, "bin/engine resume " + StopNotice.shellWord(dir.toString()), common, spec);
    }
}
