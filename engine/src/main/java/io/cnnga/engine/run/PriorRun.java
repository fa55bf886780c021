package io.cnnga.engine.run;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.report.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Finished, with its summary, its model (when the plan trains a final network; and each front
     * member's, when it trains them too) and its report in place. A model card may be missing:
     * {@link #exportsWithoutCard()} names those, which the journal is enough to write again.
     */
    boolean complete(Plan plan) {
        return record.filter(r -> r.runFinished().isPresent() && r.summary().isPresent()).isPresent()
                && !finalChanged(plan)
                && (plan.finalTraining().epochs() == 0 || exportsInPlace())
                && Files.isRegularFile(dir.resolve(RunReport.FILE));
    }

    /** The final network's export, and every front member's the journal records. */
    private boolean exportsInPlace() {
        Path model = dir.resolve(RunFolder.MODEL);
        return Files.isDirectory(model) && frontFinals().stream()
                .allMatch(f -> Files.isDirectory(model.resolve(f.genome())));
    }

    /**
     * The exports of a complete run whose model card is missing or does not read — a run finished
     * by an engine that wrote no cards, or a card lost since — each with the final training that
     * made it: the final network's first, then front members' in the journal's order.
     */
    List<FinalFinished> exportsWithoutCard() {
        Path model = dir.resolve(RunFolder.MODEL);
        List<FinalFinished> missing = new ArrayList<>();
        record.flatMap(RunRecord::finalFinished).filter(f -> Files.isDirectory(model) && !cardIntact(model))
                .ifPresent(missing::add);
        frontFinals().stream().filter(f -> Files.isDirectory(model.resolve(f.genome()))
                && !cardIntact(model.resolve(f.genome()))).forEach(missing::add);
        return missing;
    }

    private List<FinalFinished> frontFinals() {
        return record.map(RunRecord::frontFinals).orElse(List.of());
    }

    /** Whether the export in {@code model} has a model card that reads. */
    static boolean cardIntact(Path model) {
        try {
            ModelCard.read(model);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    Summary summary() {
        return record.flatMap(RunRecord::summary).orElseThrow();
    }

    /** Whether {@code resolved} differs from the run's plan in its {@code final} section (the only change allowed). */
    boolean finalChanged(Plan resolved) {
        return record.map(r -> !r.plan().withOutput("").equals(resolved.withOutput(""))).orElse(false);
    }

    /** The plans must agree on everything but their {@code final} sections, which say what the final training does. */
    private static void requireSamePlan(RunRecord run, Plan resolved) {
        Plan recorded = run.plan();
        Plan sameFinal = resolved.withFinalTraining(recorded.finalTraining());
        if (!recorded.withOutput("").equals(sameFinal.withOutput(""))) {
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
