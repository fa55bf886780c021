package io.cnnga.engine.run;

import io.cnnga.api.InvalidInputException;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchRunTest {

    static final String PLAN = """
            {"name": "onemax", "seed": 11,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "onemax", "options": {"length": 12}},
             "backend": {"id": "onemax"},
             "training": {"epochs": 1},
             "search": {"population": 16, "generations": %d, "mutationProbability": 0.05, "selector": "tournament",
                        "tournamentSize": 3, "elites": 2},
             "final": {"epochs": 2}}
            """;

    @TempDir
    Path dir;

    static Plan plan(int generations) {
        return PlanReader.parse(PLAN.formatted(generations), "test", "onemax");
    }

    static Summary run(Plan plan, Path out, OneMaxPlugin plugin) {
        PluginRegistry registry = PluginRegistry.load(List.of(), List.of(plugin));
        return new SearchRun(plan, registry, RunConsole.silent()).execute(out);
    }

    @Test
    void gaFindsTheAllOnesOptimum() {
        Summary summary = run(plan(30), dir.resolve("run"), new OneMaxPlugin());
        assertThat(summary.bestGenome()).isEqualTo("1".repeat(12));
        assertThat(summary.bestValidationAccuracy()).isEqualTo(1.0);
        assertThat(summary.testAccuracy()).isEqualTo(1.0);
        assertThat(dir.resolve("run/model/onemax.txt")).hasContent("111111111111");
    }

    @Test
    void genomesTheDecoderCannotBuildAreRepairedNamedAndNeverTrained() {
        Plan plan = PlanReader.parse(PLAN.formatted(6).replace("\"length\": 12}", "\"length\": 12, \"unbuildable\": 2}"),
                "test", "onemax");
        java.io.StringWriter printed = new java.io.StringWriter();
        OneMaxPlugin plugin = new OneMaxPlugin();
        new SearchRun(plan, PluginRegistry.load(List.of(), List.of(plugin)),
                new RunConsole(false, new java.io.PrintWriter(printed, true))).execute(dir.resolve("run"));
        List<TrialFinished> trials = ComparableJournal.events(dir.resolve("run"), TrialFinished.class);
        assertThat(trials).isNotEmpty().noneMatch(t -> t.genome().startsWith("11"));
        assertThat(plugin.trainedGenomes).noneMatch(g -> g.startsWith("11"));
        // the GA, pushed to all ones, keeps making such children: each is named with the reason
        assertThat(printed.toString()).containsPattern(
                "warning: not trained, repaired: 11[01]{10}: the decoder cannot build it: genomes starting with 2 ones have no network");
        assertThat(ComparableJournal.events(dir.resolve("run"), GenerationFinished.class))
                .anySatisfy(g -> assertThat(g.repaired()).isPositive());
    }

    @Test
    void aPlanWithoutABudgetIsToldHowLargeTheNetworksAreOnceWhenItStarts() {
        PluginRegistry registry = PluginRegistry.load(List.of(), List.of(new OneMaxPlugin()));
        java.io.StringWriter printed = new java.io.StringWriter();
        RunConsole console = new RunConsole(false, new java.io.PrintWriter(printed, true));
        new SearchRun(plan(2), registry, console).execute(dir.resolve("unbounded"));
        assertThat(printed.toString()).containsOnlyOnce("note: the plan sets no budget (search.maxParams, "
                + "search.maxForwardFlops), so the search may train any network the decoder builds; for 4x4x1 images");

        // the same console (a study's runs share one) does not say it again, and a resumed run is not told
        OneMaxPlugin dying = new OneMaxPlugin();
        dying.crashAt = k -> k == 3;
        PluginRegistry dyingRegistry = PluginRegistry.load(List.of(), List.of(dying));
        assertThatThrownBy(() -> new SearchRun(plan(2), dyingRegistry, console).execute(dir.resolve("interrupted")))
                .isInstanceOf(OneMaxPlugin.SimulatedCrash.class);
        assertThat(printed.toString()).containsOnlyOnce("note: the plan sets no budget");
        java.io.StringWriter resumed = new java.io.StringWriter();
        new SearchRun(plan(2), registry, new RunConsole(false, new java.io.PrintWriter(resumed, true)))
                .execute(dir.resolve("interrupted"));
        assertThat(resumed.toString()).contains("Resuming onemax").doesNotContain("note:");

        java.io.StringWriter bounded = new java.io.StringWriter();
        Plan withBudget = PlanReader.parse(PLAN.formatted(2).replace("\"elites\": 2}", "\"elites\": 2, \"maxParams\": 1e9}"),
                "test", "onemax");
        new SearchRun(withBudget, registry, new RunConsole(false, new java.io.PrintWriter(bounded, true)))
                .execute(dir.resolve("bounded"));
        assertThat(bounded.toString()).doesNotContain("note:");
    }

    @Test
    void distinctChildrenAreNetworksNeverEvaluatedBefore() {
        OneMaxPlugin plugin = new OneMaxPlugin();
        Summary summary = run(plan(12), dir.resolve("run"), plugin);
        List<TrialFinished> trials = ComparableJournal.events(dir.resolve("run"), TrialFinished.class);
        assertThat(trials).extracting(TrialFinished::genome).doesNotHaveDuplicates();
        assertThat(summary.cached()).isZero();
        // every generation after the first trains population - elites new networks
        assertThat(trials).hasSize(16 + 11 * 14);
        assertThat(summary.bestValidationAccuracy()).isEqualTo(1.0);
    }

    @Test
    void cachedGenomesAreNotTrainedAgain() throws IOException {
        OneMaxPlugin plugin = new OneMaxPlugin();
        // the paper's GA: copies of parents and repeated children go to the cache
        Plan paperLike = PlanReader.parse(PLAN.formatted(12).replace("\"elites\": 2}", "\"elites\": 2, \"distinctChildren\": false}"),
                "test", "onemax");
        Summary summary = run(paperLike, dir.resolve("run"), plugin);
        List<TrialFinished> trials = ComparableJournal.events(dir.resolve("run"), TrialFinished.class);
        long trained = trials.stream().filter(t -> t.status() == TrialStatus.COMPLETE).count();
        long cached = trials.stream().filter(t -> t.status() == TrialStatus.CACHED).count();
        Set<String> unique = new HashSet<>();
        trials.forEach(t -> unique.add(t.genome()));
        assertThat(cached).isPositive();
        assertThat(trained).isEqualTo(unique.size());
        // every search training once per distinct genome, plus the final training
        assertThat(plugin.trainings.get()).isEqualTo(unique.size() + 1);
        assertThat(plugin.trainedGenomes.subList(0, unique.size())).doesNotHaveDuplicates();
        assertThat(summary.cached()).isEqualTo(cached);
        // a cached trial journals the precision its original trained in; the summary names it
        assertThat(trials).allSatisfy(t -> assertThat(t.precision()).isEqualTo("fp32"));
        assertThat(summary.precision()).isEqualTo("fp32");
        assertThat(summary.trials()).isEqualTo(trials.size());
    }

    @Test
    void runKilledAfterGenerationTwoAndResumedWritesTheUninterruptedJournal() throws IOException {
        Plan plan = plan(6);
        run(plan, dir.resolve("straight"), new OneMaxPlugin());

        OneMaxPlugin dying = new OneMaxPlugin();
        Path interrupted = dir.resolve("interrupted");
        // Generations 0-2 evaluate 16 + 14 + 14 genomes; die inside generation 3.
        int[] trainedBeforeDeath = {0};
        dying.crashAt = k -> {
            boolean inGeneration3 = !events(interrupted, GenerationFinished.class).isEmpty()
                    && events(interrupted, GenerationFinished.class).size() >= 3;
            if (inGeneration3) {
                trainedBeforeDeath[0] = k;
            }
            return inGeneration3;
        };
        assertThatThrownBy(() -> run(plan, interrupted, dying)).isInstanceOf(OneMaxPlugin.SimulatedCrash.class);
        assertThat(events(interrupted, GenerationFinished.class)).hasSize(3);
        assertThat(events(interrupted, RunFinished.class)).isEmpty();

        OneMaxPlugin resumed = new OneMaxPlugin();
        run(plan, interrupted, resumed);

        assertThat(comparable(interrupted)).isEqualTo(comparable(dir.resolve("straight")));
        // nothing recorded before the kill was trained again
        Set<String> trainedBefore = new HashSet<>(dying.trainedGenomes);
        assertThat(resumed.trainedGenomes.subList(0, resumed.trainedGenomes.size() - 1))
                .doesNotContainAnyElementsOf(trainedBefore);
    }

    @Test
    void differentPlanInTheSameFolderIsRefusedAndNothingChanges() throws IOException {
        Path out = dir.resolve("run");
        run(plan(2), out, new OneMaxPlugin());
        Files.delete(out.resolve("summary.json"));
        byte[] journal = Files.readAllBytes(out.resolve(Journal.FILE));
        List<Path> before = list(out);

        assertThatThrownBy(() -> run(plan(3), out, new OneMaxPlugin()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds a run of a different plan")
                .hasMessageContaining("search was");
        assertThat(Files.readAllBytes(out.resolve(Journal.FILE))).isEqualTo(journal);
        assertThat(list(out)).isEqualTo(before);
    }

    @Test
    void tornLastLineIsIgnoredOnResume() throws IOException {
        Plan plan = plan(3);
        run(plan, dir.resolve("straight"), new OneMaxPlugin());
        Path torn = dir.resolve("torn");
        OneMaxPlugin dying = new OneMaxPlugin();
        dying.crashAt = k -> k == 20;
        assertThatThrownBy(() -> run(plan, torn, dying)).isInstanceOf(OneMaxPlugin.SimulatedCrash.class);
        Files.writeString(torn.resolve(Journal.FILE), "{\"type\": \"trial-fin", java.nio.file.StandardOpenOption.APPEND);

        run(plan, torn, new OneMaxPlugin());
        assertThat(comparable(torn)).isEqualTo(comparable(dir.resolve("straight")));
    }

    @Test
    void folderWithForeignFilesIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> run(plan(2), out, new OneMaxPlugin()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a cnnga run");
        assertThat(list(out)).containsExactly(out.resolve("thesis.tex"));
    }

    static List<String> comparable(Path run) {
        return ComparableJournal.of(run);
    }

    static <T extends io.cnnga.engine.journal.JournalEvent> List<T> events(Path run, Class<T> kind) {
        return ComparableJournal.events(run, kind);
    }

    static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
