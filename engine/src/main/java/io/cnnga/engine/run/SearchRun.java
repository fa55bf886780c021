package io.cnnga.engine.run;

import io.cnnga.engine.trial.PlanWorkbench;

import io.cnnga.api.Backend;
import io.cnnga.api.Executor;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.journal.AtomicFile;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.RunResumed;
import io.cnnga.engine.journal.RunStarted;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.plan.PluginChoice;
import io.cnnga.engine.plugin.PluginKind;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.report.EventLogWriter;
import io.cnnga.engine.report.RunReport;
import io.cnnga.engine.report.TensorBoardLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One run of a plan in its folder, from the first generation to {@code summary.json}; or the
 * rest of one, replaying what its journal already holds.
 *
 * <pre>{@code
 * Summary summary = new SearchRun(plan, registry, console).execute(Path.of("runs/quick"));
 * }</pre>
 *
 * <p>Order of work: check the folder (a different plan's run is refused before anything is
 * written), load the data, search ({@link SearchPhase}: trial results journalled as they come),
 * train the best genome from scratch for {@code final.epochs}, measure it once on the test split
 * and export it ({@link FinalTraining}), write the summary and the report. The journal is the
 * source of truth: killed at any point, the run resumes from it. A finished run whose model,
 * summary or report went missing gets them back: the model by training the final network again,
 * the others from the journal.
 */
public final class SearchRun {

    private static final Logger LOG = LoggerFactory.getLogger("cnnga.run");
    private final Plan plan;
    private final PluginRegistry registry;
    private final RunConsole console;

    public SearchRun(Plan plan, PluginRegistry registry, RunConsole console) {
        this.plan = plan;
        this.registry = registry;
        this.console = console;
    }

    /**
     * Runs, or resumes, the plan in {@code dir}.
     *
     * @throws InvalidInputException when {@code dir} holds another plan's run or foreign files
     * @throws RunStoppedException   when every trial of a generation fails
     */
    public Summary execute(Path dir) {
        Plan resolved = plan.withOutput(dir.toString());
        PriorRun prior = PriorRun.inspect(dir, resolved);
        if (prior.complete(resolved)) {
            console.message("Run " + dir + " is already finished; its summary is " + dir.resolve(Summary.FILE));
            return prior.summary();
        }
        try (RunFolder folder = RunFolder.lock(dir)) {
            console.message("Loading " + resolved.dataset().id() + " ...");
            try (PlanWorkbench bench = PlanWorkbench.open(resolved, registry);
                 Executor executor = registry.executor(resolved.executor());
                 Journal journal = Journal.open(folder.journal());
                 EventLogWriter eventLogs = EventLogWriter.withStandIn(bench.backend(), this::eventLogStandIn)) {
                begin(folder, bench, journal, prior.record());
                TensorBoardLogs tensorBoard = new TensorBoardLogs(eventLogs, folder.dir(),
                        warning -> console.message("warning: " + warning));
                SearchPhase.Outcome search = new SearchPhase(bench, executor, journal, prior.record(), console,
                        tensorBoard).run(() -> writeReport(folder.dir()));
                TrialResult best = search.best();
                ModelSpec bestSpec = bench.decoder().decode(best.genome(), bench.info());
                FinalFinished finalTraining = finalTraining(folder, bench, journal, prior.record(), tensorBoard, best,
                        bestSpec);

                RunRecord sofar = RunRecord.read(folder.dir());
                Summary summary = Summary.of(bench.plan().name(), best,
                        NetworkJson.of(best.genome(), bestSpec, bench.decoder().explain(best.genome())), finalTraining,
                        search.results(), search.replaced(), search.reports().size(), sofar.workedSeconds(Instant.now()));
                summary.write(folder.summary());
                journal.append(new RunFinished(Instant.now(), summary.seconds(), search.trainedHere()));
                writeReport(folder.dir());
                console.summary(summary, folder.dir());
                return summary;
            }
        }
    }

    /** A new run journals its start; a resumed one says that this process took it up. */
    private static void begin(RunFolder folder, PlanWorkbench bench, Journal journal, Optional<RunRecord> prior) {
        String planJson = PlanWriter.toJson(bench.plan());
        if (prior.isEmpty() || !Files.isRegularFile(folder.plan())) {
            AtomicFile.write(folder.plan(), planJson);
        }
        if (prior.isPresent()) {
            journal.append(new RunResumed(Instant.now(), prior.get().trials().size()));
            return;
        }
        journal.append(new RunStarted(Instant.now(), PlanWriter.toTree(bench.plan()), bench.decoder().genomeLength(),
                bench.data().train().size(), bench.trialData().train().size(), bench.data().validation().size(),
                bench.data().test().size()));
    }

    /**
     * The final training's event: replayed when an earlier process trained and exported it (and
     * its model is still there), trained otherwise; null when the plan asks for none.
     */
    private FinalFinished finalTraining(RunFolder folder, PlanWorkbench bench, Journal journal,
                                        Optional<RunRecord> prior, TensorBoardLogs tensorBoard, TrialResult best,
                                        ModelSpec bestSpec) {
        if (bench.plan().finalTraining().epochs() == 0) {
            return null;
        }
        Optional<FinalFinished> recorded = prior.flatMap(RunRecord::finalFinished)
                .filter(f -> f.genome().equals(best.genome().bits()) && Files.isDirectory(folder.model()));
        if (recorded.isPresent()) {
            return recorded.get();
        }
        FinalFinished event = new FinalTraining(bench.backend(), bench.data(), console, tensorBoard)
                .train(best.genome(), bestSpec, bench.plan().trainFinalConfig(), folder);
        journal.append(event);
        return event;
    }

    /**
     * The default backend, to write TensorBoard event files for a plan whose backend writes none
     * (a run on PyTorch still opens in TensorBoard); none when it is the plan's or not installed.
     */
    private Optional<Backend> eventLogStandIn() {
        String standIn = PlanReader.DEFAULT_BACKEND;
        if (plan.backend().id().equals(standIn) || !registry.ids(PluginKind.BACKEND).contains(standIn)) {
            return Optional.empty();
        }
        return Optional.of(registry.backend(PluginChoice.of(standIn)));
    }

    /** The report is a view of the journal: failing to draw it must never fail the run. */
    private void writeReport(Path dir) {
        try {
            RunReport.write(dir);
        } catch (RuntimeException | LinkageError | AWTError e) {
            LOG.debug("report not written", e);
            console.message("warning: " + dir.resolve(RunReport.FILE) + " not written: " + e);
        }
    }
}
