package io.cnnga.engine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.plan.Plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a run folder says about its run, read from {@code journal.jsonl} (the source of truth) and,
 * once the run has finished, {@code summary.json}: what a resumed run replays and what the report
 * shows.
 *
 * <pre>{@code
 * RunRecord run = RunRecord.read(Path.of("runs/fashion-quickstart"));
 * run.trials().size();                       // every trial-finished event
 * run.best().map(t -> t.result().genome());
 * run.trial(3, 1);                           // what a resumed run need not compute again
 * }</pre>
 *
 * <p>A run still going, or killed, reads as far as its journal goes. Should a trial or a
 * generation be journalled twice (by two processes of a resumed run), its last record counts.
 *
 * @param dir           the run folder
 * @param runStarted    the {@code run-started} event
 * @param resumptions   the {@code run-resumed} events, in order
 * @param trials        every trial, in journal order (its last record, should it have several)
 * @param attempts      every trial record, in journal order: a trial successive halving trained to
 *                      several rungs has one per rung
 * @param generations   the {@code generation-finished} events, by generation
 * @param finalFinished the last {@code final-finished} event of the final network, once it is trained
 * @param frontFinals   the {@code final-finished} events of other Pareto front members, the last per genome
 * @param runFinished   the {@code run-finished} event, once the run is over
 * @param summary       {@code summary.json}, once written and readable
 * @param lastEvent     time of the journal's last event: what the report is "as of"
 */
public record RunRecord(Path dir, RunStarted runStarted, List<RunResumed> resumptions, List<Trial> trials,
                        List<Trial> attempts, List<GenerationFinished> generations, Optional<FinalFinished> finalFinished,
                        List<FinalFinished> frontFinals,
                        Optional<RunFinished> runFinished, Optional<Summary> summary, Instant lastEvent) {

    /**
     * One journalled trial.
     *
     * @param result     what it achieved
     * @param startedAt  when its training started (its journalling, for cached and refused trials)
     * @param finishedAt when it was journalled
     */
    public record Trial(TrialResult result, Instant startedAt, Instant finishedAt) {

        /** Whether a backend trained it to a validation accuracy (not cached, not failed). */
        public boolean trainedToFitness() {
            return result.status() == TrialStatus.COMPLETE || result.status() == TrialStatus.PRUNED;
        }
    }

    public RunRecord {
        resumptions = List.copyOf(resumptions);
        trials = List.copyOf(trials);
        attempts = List.copyOf(attempts);
        generations = List.copyOf(generations);
        frontFinals = List.copyOf(frontFinals);
    }

    /**
     * Reads the run in {@code dir}.
     *
     * @throws InvalidInputException when {@code dir} holds no run (no journal, or one without a
     *                               {@code run-started} event) or its journal is damaged
     */
    public static RunRecord read(Path dir) {
        Path journal = dir.resolve(Journal.FILE);
        if (!Files.isRegularFile(journal)) {
            throw new InvalidInputException(dir + ": not a run folder (it has no " + Journal.FILE
                    + "); give the folder a run wrote, e.g. runs/<plan name>");
        }
        return of(dir, Journal.read(journal)).orElseThrow(() -> new InvalidInputException(journal
                + ": has no run-started event, so no run started in this folder; start one with "
                + "'engine run PLAN.json --out " + dir + "'"));
    }

    /** The run that {@code events} record; empty when they hold no {@code run-started} event. */
    public static Optional<RunRecord> of(Path dir, List<JournalEvent> events) {
        RunStarted started = null;
        List<RunResumed> resumed = new ArrayList<>();
        Map<Long, Trial> trials = new LinkedHashMap<>();
        List<Trial> attempts = new ArrayList<>();
        TreeMap<Integer, GenerationFinished> generations = new TreeMap<>();
        FinalFinished finalEvent = null;
        Map<String, FinalFinished> front = new LinkedHashMap<>();
        RunFinished finished = null;
        Instant last = null;
        for (JournalEvent event : events) {
            last = event.time();
            if (event instanceof RunStarted e) {
                started = started == null ? e : started;
            } else if (event instanceof RunResumed e) {
                resumed.add(e);
            } else if (event instanceof TrialFinished e) {
                TrialResult r = e.result();
                Trial trial = new Trial(r, e.startedOrJournalled(), e.time());
                trials.put(key(r.generation(), r.index()), trial);
                attempts.add(trial);
            } else if (event instanceof GenerationFinished e) {
                generations.put(e.generation(), e);
            } else if (event instanceof FinalFinished e && e.role() == null) {
                finalEvent = e;
            } else if (event instanceof FinalFinished e) {
                front.put(e.genome(), e);
            } else if (event instanceof RunFinished e) {
                finished = e;
            }
        }
        if (started == null) {
            return Optional.empty();
        }
        Optional<Summary> summary = finished == null ? Optional.empty() : Summary.read(dir.resolve(Summary.FILE));
        return Optional.of(new RunRecord(dir, started, resumed, List.copyOf(trials.values()), attempts,
                List.copyOf(generations.values()), Optional.ofNullable(finalEvent), List.copyOf(front.values()),
                Optional.ofNullable(finished),
                summary, last));
    }

    private static long key(int generation, int index) {
        return ((long) generation << 32) | (index & 0xFFFFFFFFL);
    }

    /**
     * The plan the run works to, as this engine resolves the recorded one.
     *
     * @throws InvalidInputException when this engine cannot read the recorded plan
     */
    public Plan plan() {
        for (int i = resumptions.size() - 1; i >= 0; i--) {
            if (resumptions.get(i).plan() != null) {
                return runStarted.resolve(resumptions.get(i).plan(), dir.resolve(Journal.FILE).toString());
            }
        }
        return runStarted.resolvedPlan(dir.resolve(Journal.FILE).toString());
    }

    public String name() {
        return runStarted.plan().path("name").asText("run");
    }

    public Instant started() {
        return runStarted.time();
    }

    /** Generations the plan asks for. */
    public int plannedGenerations() {
        return plan().search().generations();
    }

    /** The result journalled for trial {@code index} of {@code generation}, if any. */
    public Optional<TrialResult> trial(int generation, int index) {
        long key = key(generation, index);
        for (int i = trials.size() - 1; i >= 0; i--) {
            TrialResult r = trials.get(i).result();
            if (key(r.generation(), r.index()) == key) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every record of trial {@code index} of {@code generation}, in journal order. */
    public List<TrialResult> attemptsOf(int generation, int index) {
        return attempts.stream().map(Trial::result).filter(r -> r.generation() == generation && r.index() == index).toList();
    }

    /** Whether generation {@code generation} was journalled as finished. */
    public boolean generationRecorded(int generation) {
        return generations.stream().anyMatch(g -> g.generation() == generation);
    }

    /**
     * The fittest trial so far (the earliest of equals), if any reached a fitness; trials a pruner
     * stopped early only when none trained to its end.
     */
    public Optional<Trial> best() {
        return trials.stream().filter(t -> t.result().status() != TrialStatus.FAILED)
                .max(Comparator.comparing((Trial t) -> t.result().stop() == null || !t.result().stop().byPruner())
                        .thenComparingDouble((Trial t) -> t.result().fitness())
                        .thenComparing(t -> -t.result().generation() * 100_000L - t.result().index()));
    }

    /** Trials of one generation, in index order. */
    public List<Trial> trialsOf(int generation) {
        return trials.stream().filter(t -> t.result().generation() == generation)
                .sorted(Comparator.comparingInt(t -> t.result().index())).toList();
    }

    /** Generations with at least one trial, in order. */
    public List<Integer> generationNumbers() {
        return trials.stream().map(t -> t.result().generation()).distinct().sorted().toList();
    }

    public long count(TrialStatus status) {
        return trials.stream().filter(t -> t.result().status() == status).count();
    }

    /** Trials a backend trained: complete, pruned, or failed after training started (as summary.json counts). */
    public long trained() {
        return trials.stream().filter(t -> Summary.trained(t.result())).count();
    }

    /**
     * Wall time: the run's own measure once finished; else the time its processes worked on it,
     * from each one's start (the run's, each resumption) to the last event it journalled.
     */
    public double seconds() {
        return runFinished.map(RunFinished::seconds).orElseGet(() -> workedSeconds(lastEvent));
    }

    /**
     * The time the run's processes worked on it up to {@code now}: from each start (the run's,
     * each resumption) to the next one's last event, and the current process's time up to now.
     */
    public double workedSeconds(Instant now) {
        List<Instant> starts = new ArrayList<>();
        starts.add(runStarted.time());
        resumptions.forEach(r -> starts.add(r.time()));
        List<Instant> times = eventTimes();
        double total = 0;
        for (int i = 0; i < starts.size(); i++) {
            Instant from = starts.get(i);
            Instant until = i + 1 < starts.size() ? lastBefore(times, starts.get(i + 1), from) : now;
            total += Math.max(0, Duration.between(from, until).toMillis() / 1000.0);
        }
        return total;
    }

    private List<Instant> eventTimes() {
        List<Instant> times = new ArrayList<>();
        trials.forEach(t -> times.add(t.finishedAt()));
        generations.forEach(g -> times.add(g.time()));
        finalFinished.ifPresent(f -> times.add(f.time()));
        return times;
    }

    private static Instant lastBefore(List<Instant> times, Instant limit, Instant from) {
        Instant last = from;
        for (Instant t : times) {
            if (t.isBefore(limit) && t.isAfter(last)) {
                last = t;
            }
        }
        return last;
    }

    /** The final network's per-epoch conv histograms, in journal order; empty before the final training. */
    public List<ParameterHistogram> parameterHistograms() {
        return finalFinished.map(FinalFinished::parameterHistograms).orElse(List.of());
    }

    /** The best network so far as {@code decode --json} prints it: summary.json's, else the last generation's. */
    public Optional<JsonNode> bestNetwork() {
        if (summary.isPresent() && summary.get().network() != null) {
            return Optional.of(summary.get().network());
        }
        for (int i = generations.size() - 1; i >= 0; i--) {
            GenerationFinished.BestSoFar best = generations.get(i).bestSoFar();
            if (best != null && best.network() != null) {
                return Optional.of(best.network());
            }
        }
        return Optional.empty();
    }
}
