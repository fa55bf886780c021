package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Backend;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Executor;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.evolution.GenerationReport;
import io.cnnga.engine.evolution.GeneticSearch;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * One run of a plan in its folder, from the first generation to {@code summary.json}; or the
 * rest of one, replaying what its journal already holds.
 *
 * <pre>{@code
 * RunSummary summary = new SearchRun(plan, registry, console).execute(Path.of("runs/quick"));
 * }</pre>
 *
 * <p>Order of work: check the folder (a different plan's run is refused before anything is
 * written), load the data, evolve (trial results journalled as they come), train the best genome
 * from scratch for {@code final.epochs}, measure it once on the test split, export it, write the
 * summary. The journal is the source of truth: killed at any point, the run resumes from it.
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
    public ObjectNode execute(Path dir) {
        Plan resolved = plan.withOutput(dir.toString());
        Path journalFile = dir.resolve(Journal.FILE);
        boolean resuming = Files.exists(journalFile);
        JournalReplay replay = resuming ? JournalReplay.of(Journal.read(journalFile)) : JournalReplay.empty();
        if (resuming) {
            requireSamePlan(dir, replay, resolved);
            if (replay.runFinished().isPresent() && Files.exists(dir.resolve("summary.json"))) {
                console.message("Run " + dir + " is already finished; its summary is " + dir.resolve("summary.json"));
                return readSummary(dir.resolve("summary.json"));
            }
        } else if (RunFolder.holdsForeignFiles(dir)) {
            throw new InvalidInputException(dir + ": the folder holds files that are not a cnnga run; "
                    + "choose another folder with --out (nothing was changed)");
        }

        try (RunFolder folder = RunFolder.lock(dir)) {
            console.message("Loading " + resolved.dataset().id() + " ...");
            try (PlanWorkbench bench = PlanWorkbench.open(resolved, registry);
                 Executor executor = registry.executor(resolved.executor());
                 Journal journal = Journal.open(folder.journal());
                 EventLogWriter eventLogs = EventLogWriter.withStandIn(bench.backend(), this::eventLogStandIn)) {
                String planJson = PlanWriter.toJson(resolved);
                Instant started = replay.runStarted().map(e -> Instant.parse(e.get("time").asText())).orElse(Instant.now());
                if (!resuming) {
                    writeString(folder.plan(), planJson);
                    ObjectNode event = Journal.event("run-started");
                    event.set("plan", parse(planJson));
                    event.put("genomeLength", bench.decoder().genomeLength());
                    event.put("train", bench.data().train().size());
                    event.put("trialTrain", bench.trialData().train().size());
                    event.put("validation", bench.data().validation().size());
                    event.put("test", bench.data().test().size());
                    journal.append(event);
                }
                return evolveAndFinish(folder, bench, executor, journal, eventLogs, replay, planJson, started);
            }
        }
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

    private ObjectNode evolveAndFinish(RunFolder folder, PlanWorkbench bench, Executor executor, Journal journal,
                                       EventLogWriter eventLogs, JournalReplay replay, String planJson, Instant started) {
        Plan p = bench.plan();
        Decoder decoder = bench.decoder();
        DataInfo info = bench.info();
        TrainingConfig config = p.trialConfig();
        TrialScheduler scheduler = new TrialScheduler(decoder, info, config, executor, bench.runner(), planJson,
                journal, replay, console, PlanSearch.budget(p));
        GeneticSearch search = PlanSearch.of(p, decoder, info);

        long expected = p.search().population()
                + (long) (p.search().generations() - 1) * (p.search().population() - p.search().elites());
        console.runStarted(p.name(), expected, replay.trialCount());
        TensorBoardLogs tensorBoard = new TensorBoardLogs(eventLogs, folder.dir(),
                warning -> console.message("warning: " + warning));
        List<TrialResult> all = new ArrayList<>();
        List<GenerationReport> reports;
        try {
            reports = search.run(scheduler, report -> {
                all.addAll(report.results());
                boolean replayed = replay.generationRecorded(report.generation());
                if (!replayed) {
                    journal.append(generationEvent(report, bestSoFar(all, decoder, info)));
                }
                console.generationFinished(report);
                // Views of the journal for people watching the run; a replayed generation has them already.
                tensorBoard.trials(report.results());
                if (!replayed) {
                    tensorBoard.generation(report.generation(), report.best(), report.mean());
                    writeReport(folder.dir());
                }
                if (!report.results().isEmpty()
                        && report.results().stream().allMatch(r -> r.status() == TrialStatus.FAILED)) {
                    throw new RunStoppedException("every trial of generation " + report.generation()
                            + " failed; the first failed with: " + report.results().get(0).reason());
                }
            });
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            console.close();
        }

        TrialResult best = all.stream().filter(r -> r.status() != TrialStatus.FAILED)
                .max(Comparator.comparingDouble(TrialResult::fitness)).orElseThrow();
        ModelSpec bestSpec = decoder.decode(best.genome(), info);
        JsonNode finalEvent = p.finalTraining().epochs() == 0 ? null : replay.finalFinished().orElseGet(() -> {
            ObjectNode event = new FinalTraining(bench.backend(), bench.data(), console, tensorBoard)
                    .train(best.genome(), bestSpec, p.trainFinalConfig(), folder.model());
            journal.append(event);
            return event;
        });

        ObjectNode summary = Summary.of(p, best, bestSpec, decoder.explain(best.genome()), finalEvent, all, reports,
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        writeString(folder.summary(), summary.toPrettyString() + "\n");
        ObjectNode finished = Journal.event("run-finished");
        finished.put("seconds", summary.get("seconds").asDouble());
        finished.put("trainedByThisProcess", scheduler.trainedHere());
        journal.append(finished);
        writeReport(folder.dir());
        console.message(Summary.describe(summary, folder.dir()));
        return summary;
    }

    private static ObjectNode generationEvent(GenerationReport report, ObjectNode bestSoFar) {
        ObjectNode event = Journal.event("generation-finished");
        event.put("generation", report.generation());
        event.put("best", report.best());
        event.put("mean", report.mean());
        event.put("replaced", report.replaced());
        ArrayNode population = event.putArray("population");
        for (GenerationReport.Member m : report.population()) {
            population.addObject().put("genome", m.genome()).put("fitness", m.fitness());
        }
        if (bestSoFar != null) {
            event.set("bestSoFar", bestSoFar);
        }
        return event;
    }

    /** The fittest result so far with its network, so a report of an unfinished run can draw it. */
    private static ObjectNode bestSoFar(List<TrialResult> all, Decoder decoder, DataInfo info) {
        return all.stream().filter(r -> r.status() != TrialStatus.FAILED)
                .max(Comparator.comparingDouble(TrialResult::fitness))
                .map(best -> {
                    ObjectNode node = Journal.mapper().createObjectNode();
                    node.put("genome", best.genome().bits());
                    node.put("fitness", best.fitness());
                    node.put("generation", best.generation());
                    node.put("index", best.index());
                    node.set("network", NetworkJson.of(best.genome(), decoder.decode(best.genome(), info),
                            decoder.explain(best.genome())));
                    return node;
                }).orElse(null);
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

    private static void requireSamePlan(Path dir, JournalReplay replay, Plan resolved) {
        JsonNode started = replay.runStarted().orElseThrow(() -> new InvalidInputException(
                dir.resolve(Journal.FILE) + ": has no run-started event; it is not a cnnga journal"));
        Plan recorded = PlanReader.parse(started.get("plan").toString(), dir.resolve(Journal.FILE).toString(), "run");
        if (!recorded.withOutput("").equals(resolved.withOutput(""))) {
            throw new InvalidInputException(dir + ": holds a run of a different plan (" + firstDifference(recorded, resolved)
                    + "); resume it with 'engine resume " + dir + "' or choose another folder with --out (nothing was changed)");
        }
    }

    private static String firstDifference(Plan a, Plan b) {
        JsonNode x = parse(PlanWriter.toJson(a));
        JsonNode y = parse(PlanWriter.toJson(b));
        var names = x.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("output") && !x.get(name).equals(y.get(name))) {
                return name + " was " + x.get(name) + ", is now " + y.get(name);
            }
        }
        return "plans differ";
    }

    private static JsonNode parse(String json) {
        try {
            return Journal.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode readSummary(Path file) {
        try {
            return (ObjectNode) Journal.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
