package io.cnnga.engine.executor;

import io.cnnga.api.Genome;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.JournalEvent;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.trial.PlanWorkbench;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local executor with {@code "isolation": "process"}: real child JVMs training with the real
 * TensorFlow backend on small synthetic images.
 */
class ProcessIsolationTest {

    static final String PLAN = """
            {"name": "isolation", "seed": 5,
             "dataset": {"id": "synthetic", "options": {"height": 16, "width": 16, "channels": 1, "classes": 4,
                         "trainSize": %d, "testSize": 40}},
             "backend": {"id": "tensorflow", "options": {"device": "cpu"}},
             "executor": {"id": "local", "options": %s},
             "training": {"epochs": 1, "batchSize": 32},
             "search": {"population": 4, "generations": %d, "elites": 1, "maxForwardFlops": 2e7, "maxParams": 6e6},
             "final": {"epochs": 0}}
            """;

    /** Child JVMs that start sooner: these trainings are too short for the optimizing compiler to pay. */
    static final String FAST_START = "\"javaOptions\": [\"-XX:TieredStopAtLevel=1\"]";

    static PluginRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadPlugins() {
        registry = PluginRegistry.load(List.of());
    }

    @AfterAll
    static void forgetPlugins() {
        registry = null;
    }

    static Plan plan(String executorOptions, int trainSize, int generations) {
        return PlanReader.parse(PLAN.formatted(trainSize, executorOptions, generations), "test", "isolation");
    }

    static Summary run(Plan plan, Path out, RunConsole console) {
        return new SearchRun(plan, registry, console).execute(out);
    }

    @Test
    void workerKilledWithSigkillMidTrialFailsThatTrialAndTheRunCompletes() {
        AtomicLong killed = new AtomicLong(-1);
        RunConsole killer = new RunConsole(false, new PrintWriter(PrintStream.nullOutputStream())) {
            @Override
            public TrainingListener training(String label, int batchSize) {
                return new TrainingListener() {
                    @Override
                    public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
                        // The first trial to report a training step from its child loses its child.
                        if (killed.get() < 0) {
                            ProcessHandle child = workerChildren().get(0);
                            killed.set(child.pid());
                            child.destroyForcibly();
                        }
                    }
                };
            }
        };
        Summary summary = run(plan("{\"isolation\": \"process\", " + FAST_START + "}", 1000, 1), dir.resolve("run"), killer);

        List<TrialFinished> trials = events(dir.resolve("run"), TrialFinished.class);
        List<TrialFinished> failed = trials.stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).reason())
                .contains("worker process (pid " + killed.get() + ") was killed by signal 9 (SIGKILL)");
        assertThat(trials).filteredOn(t -> t.status() == TrialStatus.COMPLETE).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events(dir.resolve("run"), RunFinished.class)).hasSize(1);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(workerChildren()).isEmpty();
    }

    @Test
    void twoWorkerProcessesTrainAtOnceAndDrawTheGenomesOfOne() {
        // The reference trains in this JVM: the same genomes prove child JVMs train as the engine itself does.
        run(plan("{\"workers\": 1}", 300, 2), dir.resolve("one"), RunConsole.silent());
        run(plan("{\"isolation\": \"process\", \"workers\": 2, " + FAST_START + "}", 300, 2), dir.resolve("two"),
                RunConsole.silent());

        assertThat(genomes(dir.resolve("two"))).isEqualTo(genomes(dir.resolve("one")));
        assertThat(fitness(dir.resolve("two"))).isEqualTo(fitness(dir.resolve("one")));
        assertThat(mostAtOnce(dir.resolve("one"))).isEqualTo(1);
        assertThat(mostAtOnce(dir.resolve("two"))).isEqualTo(2);
    }

    @Test
    void childPastTheTimeoutIsKilledAndItsTrialFails() {
        Plan plan = plan("{}", 100, 1);
        String planJson = PlanWriter.toJson(plan);
        Trial trial;
        try (PlanWorkbench bench = PlanWorkbench.open(plan, registry)) {
            trial = bench.trial(0, 0, Genome.of("0".repeat(20)));
        }
        // Starting a JVM and loading TensorFlow alone takes longer than this.
        TrialResult result = new WorkerProcess(List.of(), 0.5).run(trial, EngineRemoteTrials.forThisProcess(planJson),
                TrainingListener.NONE);
        assertThat(result.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(result.reason()).matches("worker process \\(pid \\d+\\) timed out after 1 s "
                + "\\(executor.options.trialTimeout\\) and was killed");
        assertThat(workerChildren()).isEmpty();
    }

    @Test
    void planTheWorkerCannotPrepareFailsTheTrialWithTheWorkersReason() {
        Plan plan = plan("{}", 100, 1);
        Trial trial;
        try (PlanWorkbench bench = PlanWorkbench.open(plan, registry)) {
            trial = bench.trial(0, 3, Genome.of("0".repeat(20)));
        }
        String elsewhere = PlanWriter.toJson(plan).replace("\"synthetic\"", "\"no-such-dataset\"");
        TrialResult result = new WorkerProcess(List.of(), 0).run(trial, EngineRemoteTrials.forThisProcess(elsewhere),
                TrainingListener.NONE);
        assertThat(result.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(result.index()).isEqualTo(3);
        assertThat(result.params()).isEqualTo(trial.spec().params());
        assertThat(result.reason()).startsWith("cannot prepare the plan on ")
                .contains("unknown dataset \"no-such-dataset\"");
    }

    /**
     * The engine workers this JVM started and that still run: its child JVMs. (Not found by their
     * arguments: the JDK reads at most a page of /proc/PID/cmdline, and the class path fills it.)
     */
    static List<ProcessHandle> workerChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .toList();
    }

    static <T extends JournalEvent> List<T> events(Path run, Class<T> kind) {
        return ComparableJournal.events(run, kind);
    }

    /** generation/index → genome, whatever order the trials finished in. */
    static Map<String, String> genomes(Path run) {
        Map<String, String> genomes = new TreeMap<>();
        events(run, TrialFinished.class).forEach(t -> genomes.put(t.generation() + "/" + t.index(), t.genome()));
        events(run, GenerationFinished.class).forEach(g -> genomes.put(g.generation() + "/population",
                g.population().toString()));
        return genomes;
    }

    static Map<String, Double> fitness(Path run) {
        Map<String, Double> fitness = new TreeMap<>();
        events(run, TrialFinished.class).forEach(t -> fitness.put(t.generation() + "/" + t.index(), t.fitness()));
        return fitness;
    }

    /** The most trainings the journal shows running at one moment (trial-finished: startedAt to time). */
    static int mostAtOnce(Path run) {
        List<Instant[]> spans = new ArrayList<>();
        for (TrialFinished t : events(run, TrialFinished.class)) {
            if (t.status() != TrialStatus.CACHED) {
                spans.add(new Instant[]{t.startedAt(), t.time()});
            }
        }
        int most = 0;
        for (Instant[] span : spans) {
            Instant moment = span[0];
            int running = (int) spans.stream().filter(s -> !s[0].isAfter(moment) && s[1].isAfter(moment)).count();
            most = Math.max(most, running);
        }
        return most;
    }
}
