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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a generation's genomes their results, cheapest way first: replayed from the journal,
 * refused by the budget, copied from the cache of networks already trained, and only then
 * trained through the executor. Every new result is journalled as soon as it exists.
 *
 * <pre>{@code
 * GenerationEvaluator evaluator = new TrialScheduler(decoder, info, config, executor, runner, planJson,
 *         journal, replay, console, budget);
 * }</pre>
 *
 * <p>The cache is keyed by {@link ModelSpec}: two genomes that differ only in bits the decoder
 * ignores (the stages beyond the depth) are the same network and train once.
 */
final class TrialScheduler implements GenerationEvaluator {

    private final Decoder decoder;
    private final DataInfo info;
    private final TrainingConfig config;
    private final Executor executor;
    private final TrialRunner runner;
    private final String planJson;
    private final Journal journal;
    private final JournalReplay replay;
    private final RunConsole console;
    private final Budget budget;
    private final Map<ModelSpec, TrialResult> cache = new HashMap<>();
    private int trainedHere;

    /** The cost bounds of the plan's search section; 0 = unbounded. */
    record Budget(double maxForwardFlops, double maxParams) {
        Optional<String> violation(ModelSpec spec) {
            if (maxForwardFlops > 0 && spec.forwardFlops() > maxForwardFlops) {
                return Optional.of(String.format(Locale.ROOT, "%.3g forward FLOPs exceed search.maxForwardFlops %.3g",
                        (double) spec.forwardFlops(), maxForwardFlops));
            }
            if (maxParams > 0 && spec.params() > maxParams) {
                return Optional.of(String.format(Locale.ROOT, "%,d parameters exceed search.maxParams %.3g",
                        spec.params(), maxParams));
            }
            return Optional.empty();
        }
    }

    TrialScheduler(Decoder decoder, DataInfo info, TrainingConfig config, Executor executor, TrialRunner runner,
                   String planJson, Journal journal, JournalReplay replay, RunConsole console, Budget budget) {
        this.decoder = decoder;
        this.info = info;
        this.config = config;
        this.executor = executor;
        this.runner = runner;
        this.planJson = planJson;
        this.journal = journal;
        this.replay = replay;
        this.console = console;
        this.budget = budget;
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
            Optional<TrialResult> replayed = replay.trial(generation, i);
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
            Map<Integer, Instant> started = new HashMap<>();
            java.util.Set<Integer> journalled = new java.util.HashSet<>();
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
            List<Trial> batch = List.copyOf(toTrain.values());
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
        for (Trial duplicate : duplicates) {
            results[duplicate.index()] = record(TrialResult.cached(duplicate, cache.get(duplicate.spec())), null);
        }
        return List.of(results);
    }

    private TrialResult record(TrialResult result, Instant startedAt) {
        var event = Journal.event("trial-finished");
        event.put("startedAt", (startedAt == null ? Instant.now() : startedAt).toString());
        journal.append(TrialJson.write(event, result));
        console.trialFinished(result);
        return result;
    }
}
