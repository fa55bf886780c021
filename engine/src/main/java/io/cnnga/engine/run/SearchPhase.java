package io.cnnga.engine.run;

import io.cnnga.engine.trial.PlanWorkbench;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Executor;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.evolution.GenerationReport;
import io.cnnga.engine.evolution.Search;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.report.TensorBoardLogs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The search part of a run: the plan's genetic search, its trials given results by a
 * {@link TrialScheduler}, each generation journalled as it ends and shown to the person watching.
 *
 * <pre>{@code
 * SearchPhase.Outcome outcome = new SearchPhase(bench, executor, journal, prior, console, tensorBoard)
 *         .run(dir -> writeReport(dir));
 * outcome.best();   // the fittest result that did not fail
 * }</pre>
 *
 * <p>A generation an earlier process journalled is replayed, not journalled again.
 */
final class SearchPhase {

    private final PlanWorkbench bench;
    private final Executor executor;
    private final Journal journal;
    private final Optional<RunRecord> prior;
    private final RunConsole console;
    private final TensorBoardLogs tensorBoard;

    /**
     * The results of a search.
     *
     * @param results     every trial's result, in journal order
     * @param reports     one report per generation
     * @param trainedHere trainings this process ran
     */
    record Outcome(List<TrialResult> results, List<GenerationReport> reports, int trainedHere) {

        /**
         * The fittest result that did not fail (the earliest of equals); trials a pruner stopped
         * early only when no trial trained to its end.
         */
        TrialResult best() {
            return results.stream().filter(r -> r.status() != TrialStatus.FAILED)
                    .max(Comparator.comparing((TrialResult r) -> !stoppedByPruner(r))
                            .thenComparingDouble(TrialResult::fitness)).orElseThrow();
        }

        long replaced() {
            return reports.stream().mapToLong(GenerationReport::replaced).sum();
        }
    }

    static boolean stoppedByPruner(TrialResult r) {
        return r.stop() != null && r.stop().byPruner();
    }

    SearchPhase(PlanWorkbench bench, Executor executor, Journal journal, Optional<RunRecord> prior, RunConsole console,
                TensorBoardLogs tensorBoard) {
        this.bench = bench;
        this.executor = executor;
        this.journal = journal;
        this.prior = prior;
        this.console = console;
        this.tensorBoard = tensorBoard;
    }

    /**
     * Evolves every generation of the plan.
     *
     * @param generationDone called after each generation this process journalled (to redraw the report)
     * @throws RunStoppedException when every trial of a generation fails
     */
    Outcome run(Runnable generationDone) {
        TrialScheduler scheduler = new TrialScheduler(bench, executor, journal, prior, console);
        Search search = PlanSearch.of(bench.plan(), bench.decoder(), bench.info(),
                message -> console.message("warning: not trained, repaired: " + message));
        var s = bench.plan().search();
        long expected = s.population() + (long) (s.generations() - 1) * (s.population() - s.elites());
        console.runStarted(bench.plan().name(), expected, prior.map(p -> p.trials().size()).orElse(0));
        List<TrialResult> all = new ArrayList<>();
        List<GenerationReport> reports;
        try {
            reports = search.run(scheduler, generationObserver(all, generationDone));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            console.close();
        }
        return new Outcome(List.copyOf(all), reports, scheduler.trainedHere());
    }

    private Consumer<GenerationReport> generationObserver(List<TrialResult> all, Runnable generationDone) {
        return report -> {
            all.addAll(report.results());
            boolean replayed = prior.map(p -> p.generationRecorded(report.generation())).orElse(false);
            if (!replayed) {
                journal.append(event(report, all));
            }
            console.generationFinished(report);
            // Views of the journal for people watching the run; a replayed generation has them already.
            tensorBoard.trials(report.results());
            if (!replayed) {
                tensorBoard.generation(report.generation(), report.best(), report.mean());
                generationDone.run();
            }
            if (!report.results().isEmpty()
                    && report.results().stream().allMatch(r -> r.status() == TrialStatus.FAILED)) {
                throw new RunStoppedException("every trial of generation " + report.generation()
                        + " failed; the first failed with: " + report.results().get(0).reason());
            }
        };
    }

    private GenerationFinished event(GenerationReport report, List<TrialResult> all) {
        List<GenerationFinished.Member> population = report.population().stream()
                .map(m -> new GenerationFinished.Member(m.genome(), m.fitness())).toList();
        return new GenerationFinished(Instant.now(), report.generation(), report.best(), report.mean(),
                report.replaced(), report.repaired(), report.drawn(), population, bestSoFar(all).orElse(null));
    }

    /** The fittest result so far with its network, so a report of an unfinished run can draw it. */
    private Optional<GenerationFinished.BestSoFar> bestSoFar(List<TrialResult> all) {
        Decoder decoder = bench.decoder();
        DataInfo info = bench.info();
        return all.stream().filter(r -> r.status() != TrialStatus.FAILED)
                .max(Comparator.comparing((TrialResult r) -> !stoppedByPruner(r)).thenComparingDouble(TrialResult::fitness))
                .map(best -> new GenerationFinished.BestSoFar(best.genome().bits(), best.fitness(), best.generation(),
                        best.index(), NetworkJson.of(best.genome(), decoder.decode(best.genome(), info),
                        decoder.explain(best.genome()))));
    }
}
