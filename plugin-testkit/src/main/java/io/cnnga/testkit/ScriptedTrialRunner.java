package io.cnnga.testkit;

import io.cnnga.api.DataInfo;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A {@link TrialRunner} that trains nothing, for testing executors (which do not care what
 * trains): a trial "trains" for a few milliseconds — later trials shorter, so that an executor
 * running them side by side finishes them out of order — and completes with the fitness its
 * genome spells, or fails when its genome is one of {@code failing}.
 *
 * <pre>{@code
 * ScriptedTrialRunner runner = new ScriptedTrialRunner(Set.of(Genome.of("0110")));
 * List<Trial> trials = ScriptedTrialRunner.trials(6, 4);     // generation 0, genomes of 4 bits
 * TrialResult r = runner.run(trials.get(0), TrainingListener.NONE);
 * ScriptedTrialRunner.fitnessOf(trials.get(0).genome());   // r.fitness()
 * }</pre>
 *
 * <p>Thread-safe; it records the trials it ran ({@link #ran()}).
 */
public final class ScriptedTrialRunner implements TrialRunner {

    /** The reason of a scripted failure. */
    public static final String FAILURE = "scripted failure";

    private final Set<Genome> failing;
    private final List<Trial> ran = Collections.synchronizedList(new ArrayList<>());

    /** @param failing genomes whose trials fail */
    public ScriptedTrialRunner(Set<Genome> failing) {
        this.failing = Set.copyOf(failing);
    }

    @Override
    public TrialResult run(Trial trial, TrainingListener listener) {
        ran.add(trial);
        try {
            Thread.sleep(5L * Math.max(0, 8 - trial.index()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TrialResult.failed(trial, List.of(), 0, "interrupted");
        }
        if (failing.contains(trial.genome())) {
            return TrialResult.failed(trial, List.of(), 0.01, FAILURE);
        }
        double fitness = fitnessOf(trial.genome());
        listener.onStep(1, 1, 1, 1 - fitness, fitness);
        EpochMetrics epoch = new EpochMetrics(1, 1 - fitness, fitness, 1 - fitness, fitness, 0.01, 100, true);
        listener.onEpoch(epoch);
        return TrialResult.complete(trial, List.of(epoch), 0.01);
    }

    /** The trials run so far, in the order they started. */
    public List<Trial> ran() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    /** The fitness a completed trial of {@code genome} gets: its share of ones. */
    public static double fitnessOf(Genome genome) {
        return genome.bits().chars().filter(c -> c == '1').count() / (double) genome.length();
    }

    /**
     * {@code count} trials of generation 0 with distinct genomes of {@code bits} bits (genome
     * {@code i} is {@code i + 1} in binary), each of a tiny network on 4×4×1 images.
     */
    public static List<Trial> trials(int count, int bits) {
        if (count >= 1 << bits) {
            throw new IllegalArgumentException(count + " distinct genomes need more than " + bits + " bits");
        }
        ModelSpec spec = new ModelSpec(ModelSpec.inputOf(DataInfo.of("tiny", 4, 4, 1, 2)), 2,
                List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(2)));
        TrainingConfig config = new TrainingConfig(1, 16, 1e-3, 1L, null);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String binary = Integer.toBinaryString(i + 1);
            Genome genome = Genome.of("0".repeat(bits - binary.length()) + binary);
            trials.add(new Trial(0, i, genome, spec, config));
        }
        return List.copyOf(trials);
    }
}
