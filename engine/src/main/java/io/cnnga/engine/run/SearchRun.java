package io.cnnga.engine.run;

import io.cnnga.engine.trial.PlanWorkbench;

import io.cnnga.api.Backend;
import io.cnnga.api.Executor;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.journal.AtomicFile;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.ParetoEntry;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.RunResumed;
import io.cnnga.engine.journal.RunStarted;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.pareto.ParetoFront;
import io.cnnga.engine.plan.FinalSelect;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            List<FinalFinished> withoutCard = prior.exportsWithoutCard();
            if (!withoutCard.isEmpty()) {
                writeCards(resolved, withoutCard);
            }
            console.message("Run " + dir + " is already finished; its summary is " + dir.resolve(Summary.FILE));
            return prior.summary();
        }
        try (RunFolder folder = RunFolder.lock(dir)) {
            console.message("Loading " + resolved.dataset().id() + " ...");
            try (PlanWorkbench bench = PlanWorkbench.open(resolved, registry);
                 Executor executor = registry.executor(resolved.executor());
                 Journal journal = Journal.open(folder.journal());
                 EventLogWriter eventLogs = EventLogWriter.withStandIn(bench.backend(), this::eventLogStandIn)) {
                if (prior.record().isEmpty()) {
                    BudgetNote.of(bench.plan(), bench.decoder(), bench.info()).ifPresent(console::note);
                }
                begin(folder, bench, journal, prior);
                TensorBoardLogs tensorBoard = new TensorBoardLogs(eventLogs, folder.dir(),
                        warning -> console.message("warning: " + warning));
                SearchPhase.Outcome search = new SearchPhase(bench, executor, journal, prior.record(), console,
                        tensorBoard).run(() -> writeReport(folder.dir()));
                Optional<ParetoFront> front = bench.plan().search().multiObjective()
                        ? Optional.of(ParetoFront.of(search.results(), bench.plan().search().objectives()))
                        : Optional.empty();
                TrialResult best = front.map(f -> selected(f, bench.plan())).orElseGet(search::best);
                ModelSpec bestSpec = bench.decoder().decode(best.genome(), bench.info());
                ModelCards cards = new ModelCards(bench);
                FinalTraining training = new FinalTraining(bench.backend(), bench.data(), cards, console, tensorBoard);
                FinalFinished finalTraining = finalTraining(folder, bench, journal, prior.record(), training, cards,
                        best, bestSpec);
                List<FinalFinished> frontFinals = front.filter(f -> bench.plan().finalTraining().front()
                                && bench.plan().finalTraining().epochs() > 0)
                        .map(f -> frontTrainings(f, best, folder, bench, journal, prior.record(), training, cards))
                        .orElse(List.of());

                RunRecord sofar = RunRecord.read(folder.dir());
                Summary summary = Summary.of(bench.plan().name(), best,
                        NetworkJson.of(best.genome(), bestSpec, bench.decoder().explain(best.genome())), finalTraining,
                        search.results(), search.replaced(), search.reports().size(), sofar.workedSeconds(Instant.now()),
                        front.map(f -> paretoEntries(f, best, finalTraining, frontFinals)).orElse(null));
                summary.write(folder.summary());
                journal.append(new RunFinished(Instant.now(), summary.seconds(), search.trainedHere()));
                writeReport(folder.dir());
                console.summary(summary, folder.dir());
                return summary;
            }
        }
    }

    /**
     * A new run journals its start; a resumed one says that this process took it up (with the plan,
     * when its {@code final} section changed).
     */
    private static void begin(RunFolder folder, PlanWorkbench bench, Journal journal, PriorRun prior) {
        String planJson = PlanWriter.toJson(bench.plan());
        boolean finalChanged = prior.finalChanged(bench.plan());
        if (prior.record().isEmpty() || finalChanged || !Files.isRegularFile(folder.plan())) {
            AtomicFile.write(folder.plan(), planJson);
        }
        if (prior.record().isPresent()) {
            journal.append(new RunResumed(Instant.now(), prior.record().get().trials().size(),
                    finalChanged ? PlanWriter.toTree(bench.plan()) : null));
            return;
        }
        journal.append(new RunStarted(Instant.now(), PlanWriter.toTree(bench.plan()), bench.decoder().genomeLength(),
                bench.data().train().size(), bench.trialData().train().size(), bench.data().validation().size(),
                bench.data().test().size()));
    }

    /**
     * The final training's event: replayed when an earlier process trained and exported it (and
     * its model is still there; its model card is made again from the event if it went missing),
     * trained otherwise; null when the plan asks for none.
     */
    private FinalFinished finalTraining(RunFolder folder, PlanWorkbench bench, Journal journal,
                                        Optional<RunRecord> prior, FinalTraining training, ModelCards cards,
                                        TrialResult best, ModelSpec bestSpec) {
        if (bench.plan().finalTraining().epochs() == 0) {
            return null;
        }
        Optional<FinalFinished> recorded = prior.flatMap(RunRecord::finalFinished)
                .filter(f -> f.genome().equals(best.genome().bits()) && Files.isDirectory(folder.model()));
        if (recorded.isPresent()) {
            restoreCard(folder.model(), cards.of(best.genome(), bestSpec, recorded.get(), ModelCard.FINAL));
            return recorded.get();
        }
        FinalFinished event = training.train(best.genome(), bestSpec, bench.plan().trainFinalConfig(), folder, null);
        journal.append(event);
        return event;
    }

    /**
     * The model cards of a finished run's exports that have none (an engine before cards finished it,
     * or a card went missing), made from their journal events: nothing trains, nothing is journalled.
     */
    private void writeCards(Plan resolved, List<FinalFinished> exports) {
        try (RunFolder folder = RunFolder.lock(Path.of(resolved.output()));
             PlanWorkbench bench = PlanWorkbench.open(resolved, registry)) {
            ModelCards cards = new ModelCards(bench);
            for (FinalFinished export : exports) {
                Genome genome = Genome.of(export.genome());
                ModelSpec spec = bench.decoder().decode(genome, bench.info());
                boolean isFinal = export.role() == null;
                Path model = isFinal ? folder.model() : folder.model().resolve(export.genome());
                restoreCard(model, cards.of(genome, spec, export, isFinal ? ModelCard.FINAL : ModelCard.FRONT));
            }
        }
    }

    /** Writes the card of an export made by an earlier process when its own is missing or unreadable. */
    private void restoreCard(Path model, ModelCard card) {
        if (!PriorRun.cardIntact(model)) {
            card.write(model);
            console.message("Model card " + model.resolve(ModelCard.FILE) + " was missing; written again from the journal");
        }
    }

    /** The network of the front that {@code final.select} picks; none meeting a constraint is the user's to relax. */
    private static TrialResult selected(ParetoFront front, Plan plan) {
        FinalSelect rule = plan.finalTraining().select();
        return front.select(rule).map(ParetoFront.Member::result).orElseThrow(() -> {
            int k = front.objectives().indexOf(rule.objective());
            double least = front.members().stream().mapToDouble(m -> m.values().get(k)).min().orElse(Double.NaN);
            return new InvalidInputException(String.format(Locale.ROOT, "final.select {\"%s\": %s}: no network on the "
                            + "Pareto front has %s at most that (the least is %.4g); the search is journalled: set another "
                            + "final.select in the plan and run it again with --out %s, and only the final training runs",
                    rule.constraintKey(), rule.max(), rule.objective().words(), least, plan.output()));
        });
    }

    /** {@code final.front}: every other member of the front trained too, each exported to {@code model/GENOME/}. */
    private List<FinalFinished> frontTrainings(ParetoFront front, TrialResult best, RunFolder folder, PlanWorkbench bench,
                                               Journal journal, Optional<RunRecord> prior, FinalTraining training,
                                               ModelCards cards) {
        List<FinalFinished> out = new ArrayList<>();
        for (ParetoFront.Member m : front.members()) {
            String genome = m.result().genome().bits();
            if (genome.equals(best.genome().bits())) {
                continue;
            }
            Optional<FinalFinished> recorded = prior.flatMap(r -> r.frontFinals().stream()
                    .filter(f -> f.genome().equals(genome)).findFirst())
                    .filter(f -> Files.isDirectory(folder.model().resolve(genome)));
            if (recorded.isPresent()) {
                restoreCard(folder.model().resolve(genome), cards.of(m.result().genome(),
                        bench.decoder().decode(m.result().genome(), bench.info()), recorded.get(), ModelCard.FRONT));
                out.add(recorded.get());
                continue;
            }
            FinalFinished event = training.train(m.result().genome(), bench.decoder().decode(m.result().genome(), bench.info()),
                    bench.plan().trainFinalConfig(), folder, genome).asFrontMember();
            journal.append(event);
            out.add(event);
        }
        return out;
    }

    private static List<ParetoEntry> paretoEntries(ParetoFront front, TrialResult best, FinalFinished selected,
                                                   List<FinalFinished> members) {
        List<ParetoEntry> entries = new ArrayList<>();
        for (ParetoFront.Member m : front.members()) {
            String genome = m.result().genome().bits();
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < front.objectives().size(); i++) {
                values.put(front.objectives().get(i).id(), m.values().get(i));
            }
            boolean isSelected = genome.equals(best.genome().bits());
            Double test = isSelected ? (selected == null ? null : selected.testAccuracy())
                    : members.stream().filter(f -> f.genome().equals(genome)).map(FinalFinished::testAccuracy).findFirst()
                    .orElse(null);
            entries.add(new ParetoEntry(genome, values, m.result().params(), m.result().flops(),
                    m.result().latency() == null ? null : m.result().latency().millis(),
                    m.result().latency() == null ? null : m.result().latency().device(), isSelected, test));
        }
        return entries;
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
