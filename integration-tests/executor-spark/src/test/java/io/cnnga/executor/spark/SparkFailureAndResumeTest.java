package io.cnnga.executor.spark;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.Genome;
import io.cnnga.api.Options;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.evolution.GenerationReport;
import io.cnnga.engine.executor.EngineRemoteTrials;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trials that fail inside Spark tasks, and a run on Spark killed and resumed. */
class SparkFailureAndResumeTest {

    static final String PLAN = """
            {"name": "exploding", "seed": 3,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "bits", "options": {"length": 8}},
             "backend": {"id": "exploding"},
             "executor": {"id": "spark", "options": {"master": "local[2]"}},
             "training": {"epochs": 1},
             "search": {"population": 6, "generations": 4, "elites": 1},
             "final": {"epochs": 1}}
            """;

    @TempDir
    Path dir;

    static Plan plan() {
        return PlanReader.parse(PLAN, "test", "exploding");
    }

    static Summary run(Path out, RunConsole console) {
        return new SearchRun(plan(), PluginRegistry.load(List.of()), console).execute(out);
    }

    @Test
    void trialThatThrowsInsideItsTaskFailsWithItsReasonAndTheRunCompletes() {
        Summary summary = run(dir.resolve("run"), RunConsole.silent());

        List<TrialFinished> trials = RunJournal.events(dir.resolve("run"), TrialFinished.class);
        List<TrialFinished> failed = trials.stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
        assertThat(failed).isNotEmpty().allSatisfy(t -> {
            assertThat(t.genome()).startsWith("1");
            assertThat(t.reason()).isEqualTo("Explosion: exploded on purpose training " + t.genome());
        });
        assertThat(trials).filteredOn(t -> t.status() == TrialStatus.COMPLETE)
                .isNotEmpty().allSatisfy(t -> assertThat(t.genome()).startsWith("0"));
        assertThat(RunJournal.events(dir.resolve("run"), RunFinished.class)).hasSize(1);
        assertThat(summary.failed()).isEqualTo(failed.size());
        assertThat(summary.bestGenome()).startsWith("0");
    }

    @Test
    void runOnSparkKilledAfterAGenerationResumesToTheUninterruptedJournal() {
        run(dir.resolve("straight"), RunConsole.silent());

        RunConsole dying = new RunConsole(false, new PrintWriter(PrintStream.nullOutputStream())) {
            @Override
            public void generationFinished(GenerationReport report) {
                if (report.generation() == 1) {
                    throw new IllegalStateException("simulated kill after generation 1");
                }
            }
        };
        Path interrupted = dir.resolve("interrupted");
        assertThatThrownBy(() -> run(interrupted, dying)).hasMessageContaining("simulated kill");
        assertThat(RunJournal.events(interrupted, GenerationFinished.class)).hasSize(2);
        assertThat(RunJournal.events(interrupted, RunFinished.class)).isEmpty();

        run(interrupted, RunConsole.silent());
        assertThat(RunJournal.comparable(interrupted)).isEqualTo(RunJournal.comparable(dir.resolve("straight")));
    }

    @Test
    void planATaskCannotPrepareFailsEachTrialWithTheNodesReason() {
        Plan plan = plan();
        Decoder decoder = PluginRegistry.load(List.of()).decoder(plan.decoder());
        DataInfo info = DataInfo.of("synthetic", 4, 4, 1, 3);
        List<Trial> trials = new ArrayList<>();
        for (String bits : List.of("00000001", "00000011", "00000111")) {
            trials.add(new Trial(0, trials.size(), Genome.of(bits), decoder.decode(Genome.of(bits), info),
                    new TrainingConfig(1, 32, 1e-3, 3, null)));
        }
        String missingData = """
                {"name": "elsewhere", "seed": 3,
                 "dataset": {"id": "fashion-mnist", "options": {"path": "/nowhere/fashion-mnist"}},
                 "decoder": {"id": "bits", "options": {"length": 8}}, "backend": {"id": "exploding"}}""";
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        TrialListener listener = new TrialListener() {
            @Override
            public void started(Trial trial) {
                heard.add("started " + trial.index());
            }

            @Override
            public void finished(TrialResult result) {
                heard.add("finished " + result.index());
            }
        };
        List<TrialResult> results;
        try (Executor spark = new SparkExecutorFactory().create(Options.of("executor.options", Map.of("master", "local[2]")))) {
            results = spark.evaluate(trials, new ExecutionContext((t, l) -> {
                throw new AssertionError("the driver's runner is not used by Spark");
            }, listener, EngineRemoteTrials.forThisProcess(missingData)));
        }
        assertThat(results).extracting(TrialResult::index).containsExactly(0, 1, 2);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(r.reason()).startsWith("cannot prepare the plan on ").contains("/nowhere/fashion-mnist");
        });
        assertThat(results.get(1).params()).isEqualTo(trials.get(1).spec().params());
        for (int i = 0; i < 3; i++) {
            assertThat(heard.indexOf("started " + i)).isNotNegative().isLessThan(heard.indexOf("finished " + i));
        }
    }

}
