package io.cnnga.engine.run;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.report.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run folder already holds when a process starts working on it: nothing (a new run), a
 * run of the same plan to resume, or a finished one.
 *
 * <pre>{@code
 * PriorRun prior = PriorRun.inspect(dir, plan);   // refuses another plan's run and foreign files
 * if (prior.complete()) { ... }                   // finished, every artefact in place
 * }</pre>
 *
 * <p>A journal without a {@code run-started} event (a process killed right after creating it)
 * holds no run: the folder starts afresh.
 *
 * @param dir    the run folder
 * @param record the run it holds, if one started there
 */
record PriorRun(Path dir, Optional<RunRecord> record) {

    /**
     * @throws InvalidInputException when {@code dir} holds another plan's run or files that are
     *                               not a run's; the folder is left as it was
     */
    static PriorRun inspect(Path dir, Plan resolved) {
        Path journal = dir.resolve(Journal.FILE);
        if (!Files.exists(journal)) {
            if (RunFolder.holdsForeignFiles(dir)) {
                throw new InvalidInputException(dir + ": the folder holds files that are not a cnnga run; "
                        + "choose another folder with --out (nothing was changed)");
            }
            return new PriorRun(dir, Optional.empty());
        }
        Optional<RunRecord> record = RunRecord.of(dir, Journal.read(journal));
        record.ifPresent(r -> requireSamePlan(r, resolved));
        return new PriorRun(dir, record);
    }

    /** Finished, with its summary, its model (when the plan trains a final network) and its report in place. */
    boolean complete(Plan plan) {
        return record.filter(r -> r.runFinished().isPresent() && r.summary().isPresent()).isPresent()
                && (plan.finalTraining().epochs() == 0 || Files.isDirectory(dir.resolve(RunFolder.MODEL)))
                && Files.isRegularFile(dir.resolve(RunReport.FILE));
    }

    Summary summary() {
        return record.flatMap(RunRecord::summary).orElseThrow();
    }

    private static void requireSamePlan(RunRecord run, Plan resolved) {
        Plan recorded = run.plan();
        if (!recorded.withOutput("").equals(resolved.withOutput(""))) {
            throw new InvalidInputException(run.dir() + ": holds a run of a different plan ("
                    + firstDifference(recorded, resolved) + "); resume it with 'engine resume " + run.dir()
                    + "' or choose another folder with --out (nothing was changed)");
        }
    }

    private static String firstDifference(Plan a, Plan b) {
        var x = PlanWriter.toTree(a);
        var y = PlanWriter.toTree(b);
        var names = x.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("output") && !x.get(name).equals(y.get(name))) {
                return name + " was " + x.get(name) + ", is now " + y.get(name);
            }
        }
        return "plans differ";
    }
}
