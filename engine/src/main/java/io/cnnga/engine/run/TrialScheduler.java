package io.cnnga.engine.run;

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
import io.cnnga.engine.evolution.GenerationEvaluator;
import io.cnnga.engine.executor.EngineRemoteTrials;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.JournalCorruptException;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.plan.SearchBudget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a generation's genomes their results, cheapest way first: replayed from the journal,
 * refused by the budget, copied from the cache of networks already trained, and only then
 * trained through the executor. Every new result is journalled as soon as it exists.
 *
 * <pre>{@code
 * GenerationEvaluator evaluator = new TrialScheduler(bench, executor, journal, prior, console);
 * }</pre>
 *
 * <p>The cache is keyed by {@link ModelSpec}: two genomes that differ only in bits the decoder
 * ignores (the stages beyond the depth) are the same network and train once.
 */
final class TrialScheduler implements GenerationEvaluator {

    private final Decoder decoder;
    private final DataInfo info;
    private final TrainingConfig config;
    private final SearchBudget budget;
    private final TrialRunner runner;
    private final String planJson;
    private final Executor executor;
    private final Journal journal;
    private final Optional<RunRecord> prior;
    private final RunConsole console;
    private final Map<ModelSpec, TrialResult> cache = new HashMap<>();
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
        this.runner = bench.runner();
        this.planJson = PlanWriter.toJson(bench.plan());
        this.executor = executor;
        this.journal = journal;
        this.prior = prior;
        this.console = console;
    }

    /** Trainings this process ran (not replayed, not cached). */
    int trainedHere() {
        return trainedHere;
    }

    @Override
    public List<TrialResult> evaluate(int generation, List<Genome> genomes) {
        TrialResult[] results = new TrialResult[genomes.size()];
        Map<ModelSpec, Trial> toTrain = new LinkedHashMap<>();
        List<Trial> duplicates = new ArrayList<>();
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
        if (!toTrain.isEmpty()) {
            train(List.copyOf(toTrain.values()), results);
        }
        for (Trial duplicate : duplicates) {
            results[duplicate.index()] = record(TrialResult.cached(duplicate, cache.get(duplicate.spec())), null);
        }
        return List.of(results);
    }

    private Optional<TrialResult> replayed(int generation, int index) {
        return prior.flatMap(p -> p.trial(generation, index));
    }

    /** Trains {@code batch} through the executor, journalling each result as the executor reports it. */
    private void train(List<Trial> batch, TrialResult[] results) {
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
        List<TrialResult> trained = executor.evaluate(batch,
                new ExecutionContext(runner, listener, EngineRemoteTrials.forThisProcess(planJson)));
        for (int k = 0; k < batch.size(); k++) {
            TrialResult r = trained.get(k);
            results[batch.get(k).index()] = r;
            if (!journalled.contains(r.index())) {
                // An executor that did not report it: the journal must still hold every result.
                record(r, started.get(r.index()));
            }
            cache.putIfAbsent(batch.get(k).spec(), r);
            trainedHere++;
        }
    }

    private TrialResult record(TrialResult result, Instant startedAt) {
        Instant now = Instant.now();
        journal.append(TrialFinished.of(result, startedAt == null ? now : startedAt, now));
        console.trialFinished(result);
        return result;
    }
}
