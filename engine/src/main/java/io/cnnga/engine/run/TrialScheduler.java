package io.cnnga.engine.run;

import io.cnnga.engine.trial.PlanWorkbench;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.Genome;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialRunner;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.evolution.GenerationEvaluator;
import io.cnnga.engine.executor.EngineRemoteTrials;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.JournalCorruptException;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.plan.Pruner;
import io.cnnga.engine.plan.SearchBudget;
import io.cnnga.engine.plan.TrainingSettings;
import io.cnnga.engine.trial.BackendTrialRunner;
import io.cnnga.engine.trial.PruningOrder;
import io.cnnga.engine.trial.PruningPoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a generation's genomes their results, cheapest way first: replayed from the journal,
 * refused by the budget, copied from the cache of networks already trained, and only then
 * trained through the executor, under the plan's pruner. Every new result is journalled as soon
 * as it exists.
 *
 * <pre>{@code
 * GenerationEvaluator evaluator = new TrialScheduler(bench, executor, journal, prior, console);
 * }</pre>
 *
 * <p>The cache is keyed by {@link ModelSpec}: two genomes that differ only in bits the decoder
 * ignores (the stages beyond the depth) are the same network and train once. With the median
 * pruner each trial goes out with the floors of {@link MedianFloors}; with successive halving the
 * generation's trials train rung by rung (each rung an executor call, each trial's record at each
 * rung journalled): all to the first pruning point, the best {@code 1 / reductionFactor} of them,
 * trained again from their seed, to the next, and so on to the end. A promoted trial retrains
 * from the start rather than resuming, so that any executor, in any process, can run any rung;
 * with the trial's seed it passes through the same weights.
 */
final class TrialScheduler implements GenerationEvaluator {

    private final Decoder decoder;
    private final DataInfo info;
    private final TrainingConfig config;
    private final SearchBudget budget;
    private final TrainingSettings training;
    private final List<PruningPoint> points;
    private final BackendTrialRunner runner;
    private final String planJson;
    private final Executor executor;
    private final Journal journal;
    private final Optional<RunRecord> prior;
    private final RunConsole console;
    private final Map<ModelSpec, TrialResult> cache = new HashMap<>();
    /** Results of the generations evaluated so far: the median pruner's history. */
    private final List<TrialResult> earlier = new ArrayList<>();
    /** Records this process journalled, by (generation, index): successive halving's rungs. */
    private final Map<Long, List<TrialResult>> recordedHere = new HashMap<>();
    private int trainedHere;

    /**
     * @param bench    the plan's decoder, data, training settings, budget and in-process runner
     * @param executor where trials train
     * @param journal  where every result goes the moment it exists
     * @param prior    what an earlier process journalled, to replay; empty for a new run
     * @param console  what the person watching sees
     */
    TrialScheduler(PlanWorkbench bench, Executor executor, Journal journal, Optional<RunRecord> prior,
                   RunConsole console) {
        this.decoder = bench.decoder();
        this.info = bench.info();
        this.config = bench.plan().trialConfig();
        this.budget = bench.plan().search().budget();
        this.training = bench.plan().training();
        this.points = PruningPoint.of(config);
        this.runner = bench.runner();
        this.planJson = PlanWriter.toJson(bench.plan());
        this.executor = executor;
        this.journal = journal;
        this.prior = prior;
        this.console = console;
    }

    /** Trainings this process ran (not replayed, not cached; each rung of successive halving counts). */
    int trainedHere() {
        return trainedHere;
    }

    @Override
    public List<TrialResult> evaluate(int generation, List<Genome> genomes) {
        TrialResult[] results = new TrialResult[genomes.size()];
        Map<ModelSpec, Trial> toTrain = new LinkedHashMap<>();
        List<Trial> duplicates = new ArrayList<>();
        boolean halving = training.pruner() == Pruner.HALVING;
        for (int i = 0; i < genomes.size(); i++) {
            Genome genome = genomes.get(i);
            ModelSpec spec = decoder.decode(genome, info);
            Trial trial = new Trial(generation, i, genome, spec, config);
            Optional<TrialResult> replayed = replayed(generation, i);
            if (replayed.isPresent()) {
                TrialResult r = replayed.get();
                if (!r.genome().equals(genome)) {
                    throw new JournalCorruptException("the journal diverges at generation " + generation + ", trial " + i
                            + ": it holds " + r.genome() + " where the search drew " + genome
                            + "; was it written by another plan or engine version?");
                }
                if (halving && r.trained() && !prior.orElseThrow().generationRecorded(generation)) {
                    // a generation halving had not finished: its rungs go on from the records
                    toTrain.put(spec, trial);
                    continue;
                }
                results[i] = r;
                if (r.trained()) {
                    cache.putIfAbsent(spec, r);
                }
                continue;
            }
            Optional<String> overBudget = budget.violation(spec);
            if (overBudget.isPresent()) {
                results[i] = record(TrialResult.failed(trial, List.of(), 0, "not trained: " + overBudget.get()), null);
            } else if (cache.containsKey(spec)) {
                results[i] = record(TrialResult.cached(trial, cache.get(spec)), null);
            } else if (toTrain.containsKey(spec)) {
                duplicates.add(trial);
            } else {
                toTrain.put(spec, trial);
            }
        }
        List<Trial> batch = List.copyOf(toTrain.values());
        if (!batch.isEmpty()) {
            switch (training.pruner()) {
                case NONE -> train(batch, PruningOrder.NONE, results);
                case MEDIAN -> train(batch, MedianFloors.order(points, earlier, training.warmupTrials()), results);
                case HALVING -> halve(batch, results);
            }
            for (Trial trial : batch) {
                cache.putIfAbsent(trial.spec(), results[trial.index()]);
            }
        }
        for (Trial duplicate : duplicates) {
            results[duplicate.index()] = record(TrialResult.cached(duplicate, cache.get(duplicate.spec())), null);
        }
        earlier.addAll(List.of(results));
        return List.of(results);
    }

    private Optional<TrialResult> replayed(int generation, int index) {
        return prior.flatMap(p -> p.trial(generation, index));
    }

    /**
     * Successive halving over {@code batch}: rung by rung, each trial's value at the rung's point
     * taken from its first record that reached it (journalled by an earlier process or this one),
     * trained to the point otherwise; the best {@code 1 / reductionFactor} promoted.
     */
    private void halve(List<Trial> batch, TrialResult[] results) {
        List<Trial> candidates = batch;
        for (int rung = 0; rung <= points.size(); rung++) {
            boolean last = rung == points.size();
            Map<Integer, Double> values = new HashMap<>();
            List<Trial> toRun = new ArrayList<>();
            for (Trial trial : candidates) {
                Optional<TrialResult> reached = firstRecordReaching(trial, rung);
                if (reached.isPresent()) {
                    results[trial.index()] = reached.get();
                    values.put(trial.index(), valueAt(reached.get(), rung));
                } else {
                    toRun.add(trial);
                }
            }
            if (!toRun.isEmpty()) {
                if (!last) {
                    console.message(String.format(Locale.ROOT, "Successive halving, generation %d: %d trial(s) to %s",
                            toRun.get(0).generation(), toRun.size(), points.get(rung).describe(config.epochs())));
                }
                train(toRun, last ? PruningOrder.NONE : PruningOrder.stopAt(rung), results);
                for (Trial trial : toRun) {
                    values.put(trial.index(), valueAt(results[trial.index()], rung));
                }
            }
            if (last) {
                return;
            }
            int keep = (int) Math.ceil(candidates.size() / (double) training.reductionFactor());
            candidates = candidates.stream()
                    .sorted(Comparator.comparingDouble((Trial t) -> -values.get(t.index())).thenComparingInt(Trial::index))
                    .limit(keep).sorted(Comparator.comparingInt(Trial::index)).toList();
        }
    }

    /** The first record of {@code trial} (earlier processes' first) that got to rung {@code rung}: its point, or the end. */
    private Optional<TrialResult> firstRecordReaching(Trial trial, int rung) {
        List<TrialResult> records = new ArrayList<>(prior.map(p -> p.attemptsOf(trial.generation(), trial.index()))
                .orElse(List.of()));
        records.addAll(recordedHere.getOrDefault(key(trial), List.of()));
        for (TrialResult r : records) {
            boolean settled = r.status() == TrialStatus.COMPLETE || r.status() == TrialStatus.FAILED
                    || (r.status() == TrialStatus.PRUNED && !(r.stop() != null && r.stop().byPruner()));
            if (settled || (rung < points.size() && r.stop() != null && r.stop().fraction() >= points.get(rung).fraction() - 1e-12)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** A record's validation accuracy at rung {@code rung}'s point (its fitness at the last rung, or if it never got there). */
    private double valueAt(TrialResult r, int rung) {
        if (r.status() == TrialStatus.FAILED) {
            return -1;
        }
        return rung < points.size() ? points.get(rung).valueIn(r).orElse(r.fitness()) : r.fitness();
    }

    private static long key(Trial trial) {
        return ((long) trial.generation() << 32) | (trial.index() & 0xFFFFFFFFL);
    }

    /** Trains {@code batch} through the executor, each with {@code order}, journalling each result as the executor reports it. */
    private void train(List<Trial> batch, PruningOrder order, TrialResult[] results) {
        Map<Integer, Instant> started = new HashMap<>();
        Set<Integer> journalled = new HashSet<>();
        TrialListener listener = new TrialListener() {
            @Override
            public void started(Trial trial) {
                started.put(trial.index(), Instant.now());
                console.trialStarted(trial);
            }

            @Override
            public TrainingListener training(Trial trial) {
                return console.training("gen " + trial.generation() + " #" + trial.index(), trial.config().batchSize());
            }

            @Override
            public void finished(TrialResult result) {
                record(result, started.get(result.index()));
                journalled.add(result.index());
            }
        };
        Map<Integer, PruningOrder> orders = new HashMap<>();
        batch.forEach(t -> orders.put(t.index(), order));
        TrialRunner pruned = (trial, progress) -> runner.run(trial, progress, orders.getOrDefault(trial.index(), PruningOrder.NONE));
        List<TrialResult> trained = executor.evaluate(batch,
                new ExecutionContext(pruned, listener, EngineRemoteTrials.forThisProcess(planJson).withPruning(orders)));
        for (int k = 0; k < batch.size(); k++) {
            TrialResult r = trained.get(k);
            results[batch.get(k).index()] = r;
            if (!journalled.contains(r.index())) {
                // An executor that did not report it: the journal must still hold every result.
                record(r, started.get(r.index()));
            }
            trainedHere++;
        }
    }

    private TrialResult record(TrialResult result, Instant startedAt) {
        Instant now = Instant.now();
        journal.append(TrialFinished.of(result, startedAt == null ? now : startedAt, now));
        recordedHere.computeIfAbsent(((long) result.generation() << 32) | (result.index() & 0xFFFFFFFFL),
                k -> new ArrayList<>()).add(result);
        console.trialFinished(result);
        return result;
    }
}
