package io.cnnga.engine.compare;

import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.OneMaxPlugin;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compare's default genomes are the run's first generation; listed genomes are checked. */
class ComparedGenomesTest {

    /** A budget that about half the random onemax genomes break, so the repair path is exercised too. */
    static final String PLAN = """
            {"name": "onemax", "seed": 5,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "onemax", "options": {"length": 12}},
             "backend": {"id": "onemax"},
             "training": {"epochs": 1},
             "search": {"population": 12, "generations": 1, "elites": 1, "maxParams": 75},
             "final": {"epochs": 1}}
            """;

    @TempDir
    Path dir;

    @Test
    void firstGenerationIsWhatARunTrainsFirst() {
        Plan plan = PlanReader.parse(PLAN, "test", "onemax");
        PluginRegistry registry = PluginRegistry.load(List.of(), List.of(new OneMaxPlugin()));
        new SearchRun(plan, registry, RunConsole.silent()).execute(dir.resolve("run"));
        List<String> trained = ComparableJournal.events(dir.resolve("run"), TrialFinished.class).stream()
                .filter(e -> e.generation() == 0).map(TrialFinished::genome).toList();
        GenerationFinished generation0 = ComparableJournal.events(dir.resolve("run"), GenerationFinished.class).get(0);

        Decoder decoder = registry.decoder(plan.decoder());
        List<String> compared = ComparedGenomes.firstGeneration(plan, decoder, registry.dataset(plan.dataset()).info())
                .stream().map(Genome::bits).toList();

        assertThat(compared).hasSize(12).isEqualTo(trained);
        assertThat(generation0.replaced()).as("generation 0 is drawn among the genomes within the budget").isZero();
    }

    @Test
    void listedGenomesAreParsedInOrderAndBadOnesNamed() {
        Plan plan = PlanReader.parse(PLAN, "test", "onemax");
        Decoder decoder = PluginRegistry.load(List.of(), List.of(new OneMaxPlugin())).decoder(plan.decoder());
        assertThat(ComparedGenomes.parse("111111111111, 000000000001", decoder, "onemax"))
                .extracting(Genome::bits).containsExactly("111111111111", "000000000001");
        assertThatThrownBy(() -> ComparedGenomes.parse("11111111111", decoder, "onemax"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--genomes: \"11111111111\" has 11 bits; the onemax decoder reads 12");
        assertThatThrownBy(() -> ComparedGenomes.parse("111111111111,01x", decoder, "onemax"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--genomes: \"01x\":");
        assertThatThrownBy(() -> ComparedGenomes.parse("111111111111,", decoder, "onemax"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--genomes: empty genome");
    }
}
