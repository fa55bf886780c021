package io.cnnga.engine.run;

import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.api.TrialStop;
import io.cnnga.engine.evolution.SelectionFitness;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.trial.PruningPoint;
import io.cnnga.api.Genome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pruners with the OneMax fake, whose checkpoint values are known: who is stopped, who goes on, and resume. */
class PruningTest {

    static final String PLAN = """
            {"name": "pruned", "seed": 7,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "onemax", "options": {"length": 14}},
             "backend": {"id": "onemax"},
             "training": {"epochs": 1, %s},
             "search": {"population": 8, "generations": 4, "mutationProbability": 0.1, "selector": "tournament",
                        "tournamentSize": 3, "elites": 1},
             "final": {"epochs": 1}}
            """;

    @TempDir
    Path dir;

    static Plan plan(String training) {
        return PlanReader.parse(PLAN.formatted(training), "test", "pruned");
    }

    static Summary run(Plan plan, Path out, OneMaxPlugin plugin) {
        return SearchRunTest.run(plan, out, plugin);
    }

    @Test
    void theMedianPrunerStopsExactlyTheTrialsBelowTheMedianOfEarlierGenerationsAndNoneBeforeWarmup() {
        Plan plan = plan("\"pruner\": \"median\", \"checkpoints\": [0.25, 0.5], \"warmupTrials\": 8");
        run(plan, dir.resolve("run"), new OneMaxPlugin());
        RunRecord run = RunRecord.read(dir.resolve("run"));
        List<PruningPoint> points = PruningPoint.of(plan.trialConfig());
        int pruned = 0;
        for (int g : run.generationNumbers()) {
            List<TrialResult> earlier = run.trials().stream().map(RunRecord.Trial::result)
                    .filter(r -> r.generation() < g && (r.status() == TrialStatus.COMPLETE || r.status() == TrialStatus.PRUNED))
                    .toList();
            for (RunRecord.Trial t : run.trialsOf(g)) {
                TrialResult r = t.result();
                if (r.status() == TrialStatus.CACHED) {
                    continue;
                }
                // the first point, in order, whose floor the trial is below stops it
                TrialStop expected = null;
                double fraction = 0;
                for (PruningPoint p : points) {
                    List<Double> values = earlier.stream().map(p::valueIn).filter(OptionalDouble::isPresent)
                            .map(OptionalDouble::getAsDouble).toList();
                    double value = p.valueIn(r.history()).orElse(Double.NaN);
                    if (values.size() >= 8 && value < median(values)) {
                        expected = new TrialStop(TrialStop.MEDIAN_PRUNER, p.fraction());
                        break;
                    }
                }
                assertThat(r.stop()).as(r.genome() + " in generation " + g).isEqualTo(expected);
                assertThat(r.status()).isEqualTo(expected == null ? TrialStatus.COMPLETE : TrialStatus.PRUNED);
                if (expected != null) {
                    pruned++;
                    assertThat(r.reason()).startsWith("median pruner: at " + Math.round(expected.fraction() * 100)
                            + "% of its training its validation accuracy");
                }
            }
            if (earlier.size() < 8) {
                assertThat(run.trialsOf(g)).as("warm-up: generation " + g).noneMatch(t -> t.result().status() == TrialStatus.PRUNED);
            }
        }
        assertThat(pruned).isPositive();
        assertThat(run.trialsOf(0)).noneMatch(t -> t.result().status() == TrialStatus.PRUNED);
    }

    @Test
    void successiveHalvingTrainsTheBestThirdOfEachRungFurther() {
        Plan plan = plan("\"pruner\": \"halving\", \"reductionFactor\": 3");
        assertThat(plan.training().checkpoints()).containsExactly(1.0 / 9, 1.0 / 3);
        run(plan, dir.resolve("run"), new OneMaxPlugin());
        RunRecord run = RunRecord.read(dir.resolve("run"));
        List<PruningPoint> points = PruningPoint.of(plan.trialConfig());
        for (int g : run.generationNumbers()) {
            List<Integer> rung = run.trialsOf(g).stream().filter(t -> t.result().status() != TrialStatus.CACHED)
                    .map(t -> t.result().index()).toList();
            for (int r = 0; r <= points.size(); r++) {
                int level = r;
                // every candidate of this rung has a record that got to it
                for (int index : rung) {
                    List<TrialResult> attempts = run.attemptsOf(g, index);
                    assertThat(attempts).as("generation " + g + " #" + index + " at rung " + level).hasSizeGreaterThan(level);
                    TrialResult record = attempts.get(level);
                    if (level < points.size()) {
                        assertThat(record.stop()).isEqualTo(new TrialStop(TrialStop.SUCCESSIVE_HALVING, points.get(level).fraction()));
                    } else {
                        assertThat(record.status()).isEqualTo(TrialStatus.COMPLETE);
                    }
                }
                if (level == points.size()) {
                    break;
                }
                int keep = (int) Math.ceil(rung.size() / 3.0);
                List<Integer> best = rung.stream().sorted(Comparator.comparingDouble((Integer i) ->
                                -points.get(level).valueIn(run.attemptsOf(g, i).get(level)).orElseThrow())
                        .thenComparingInt(i -> i)).limit(keep).sorted().toList();
                // the promoted are exactly those with a further record
                List<Integer> promoted = rung.stream().filter(i -> run.attemptsOf(g, i).size() > level + 1).toList();
                assertThat(promoted).as("promoted from rung " + level + " of generation " + g).isEqualTo(best);
                rung = best;
            }
        }
        assertThat(run.count(TrialStatus.PRUNED)).isPositive();
        assertThat(run.best().orElseThrow().result().status()).isEqualTo(TrialStatus.COMPLETE);
    }

    @Test
    void aRunKilledWhilePruningResumesToTheUninterruptedJournal() {
        for (String pruner : List.of("\"pruner\": \"median\", \"warmupTrials\": 8", "\"pruner\": \"halving\"")) {
            Plan plan = plan(pruner);
            Path straight = dir.resolve("straight-" + pruner.hashCode());
            run(plan, straight, new OneMaxPlugin());
            Path killed = dir.resolve("killed-" + pruner.hashCode());
            OneMaxPlugin dying = new OneMaxPlugin();
            dying.crashAt = k -> k == 17;   // in the middle of generation 1 (and of a rung)
            assertThatThrownBy(() -> run(plan, killed, dying)).isInstanceOf(OneMaxPlugin.SimulatedCrash.class);
            run(plan, killed, new OneMaxPlugin());
            assertThat(ComparableJournal.of(killed)).as(pruner).isEqualTo(ComparableJournal.of(straight));
        }
    }

    @Test
    void aTrialAPrunerStoppedNeverOutranksOneThatTrainedToItsEnd() {
        Genome g = Genome.of("0101");
        TrialResult complete = new TrialResult(1, 0, g, TrialStatus.COMPLETE, 0.31, List.of(), 1, 1, 1, "");
        TrialResult pruned = new TrialResult(1, 1, g, TrialStatus.PRUNED, 0.95, List.of(), 1, 1, 1, "stopped",
                new TrialStop(TrialStop.MEDIAN_PRUNER, 0.25));
        TrialResult cachedPruned = TrialResult.cached(new io.cnnga.api.Trial(2, 0, g,
                new io.cnnga.api.ModelSpec(io.cnnga.api.Shape.of(2, 2, 1), 2, List.of(new io.cnnga.api.LayerSpec.Flatten(),
                        new io.cnnga.api.LayerSpec.Dense(2))), new io.cnnga.api.TrainingConfig(1, 8, 0.1, 1, null)), pruned);
        TrialResult failed = new TrialResult(1, 2, g, TrialStatus.FAILED, 0, List.of(), 1, 1, 1, "NaN");
        assertThat(SelectionFitness.withPruner(complete)).isGreaterThan(SelectionFitness.withPruner(pruned));
        assertThat(SelectionFitness.withPruner(cachedPruned)).isEqualTo(SelectionFitness.withPruner(pruned));
        assertThat(SelectionFitness.withPruner(pruned)).isGreaterThan(SelectionFitness.withPruner(failed));
        assertThat(SelectionFitness.withPruner(new TrialResult(1, 3, g, TrialStatus.PRUNED, 0.2, List.of(), 1, 1, 1, "",
                new TrialStop(TrialStop.MEDIAN_PRUNER, 0.5)))).isLessThan(SelectionFitness.withPruner(pruned));

        // in a run: the elites carried over are trials trained to their end whenever any were
        Plan plan = plan("\"pruner\": \"median\", \"checkpoints\": [0.5], \"warmupTrials\": 5");
        run(plan, dir.resolve("run"), new OneMaxPlugin());
        RunRecord run = RunRecord.read(dir.resolve("run"));
        for (var generation : run.generations()) {
            String elite = generation.population().stream().max(Comparator.comparingDouble(m -> m.fitness()))
                    .orElseThrow().genome();
            assertThat(run.trials()).filteredOn(t -> t.result().genome().bits().equals(elite))
                    .allSatisfy(t -> assertThat(t.result().stop()).isNull());
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
