package io.cnnga.engine.journal;

import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.report.RunReport;
import io.cnnga.engine.report.TrialsCsv;
import io.cnnga.engine.run.OneMaxPlugin;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run folder written by the engine before the journal had typed events
 * ({@code src/test/resources/legacy-run}: the OneMax fake, 4 generations and a final training, its
 * report rebuilt without TensorBoard logs at {@code /tmp/legacy-run}). Later engines must read,
 * resume and report such folders exactly as their engine did.
 */
class LegacyRunFolderTest {

    /** Where the fixture's report was built: it names its folder. */
    static final String BUILT_IN = "/tmp/legacy-run";

    @TempDir
    Path tmp;

    static Path fixture() {
        return Path.of("src/test/resources/legacy-run");
    }

    @Test
    void everyJournalLineReadsAndWritesBackToTheSameBytes() throws IOException {
        List<String> lines = Files.readAllLines(fixture().resolve(Journal.FILE), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(21);
        for (String line : lines) {
            assertThat(JournalJson.write(JournalJson.read(line))).isEqualTo(line);
        }
        assertThat(Journal.read(fixture().resolve(Journal.FILE))).hasSize(lines.size());
    }

    @Test
    void summaryReadsAndWritesBackToTheSameBytes() throws IOException {
        Path file = fixture().resolve(Summary.FILE);
        assertThat(Summary.read(file).orElseThrow().toJson()).isEqualTo(Files.readString(file));
    }

    @Test
    void reportRebuildsByteIdentically() throws IOException {
        Path copy = copyOfFixture("report");
        Files.delete(copy.resolve(RunReport.FILE));
        Files.delete(copy.resolve(TrialsCsv.FILE));
        FileTrees.delete(copy.resolve(RunReport.IMAGES));

        RunReport.write(copy);

        assertThat(Files.readString(copy.resolve(RunReport.FILE)).replace(copy.toString(), BUILT_IN))
                .isEqualTo(Files.readString(fixture().resolve(RunReport.FILE)));
        assertThat(copy.resolve(TrialsCsv.FILE)).hasSameBinaryContentAs(fixture().resolve(TrialsCsv.FILE));
        try (Stream<Path> pictures = Files.list(fixture().resolve(RunReport.IMAGES))) {
            for (Path picture : pictures.toList()) {
                assertThat(copy.resolve(RunReport.IMAGES).resolve(picture.getFileName()))
                        .as(picture.getFileName().toString()).hasSameBinaryContentAs(picture);
            }
        }
    }

    @Test
    void aFinishedRunIsAlreadyFinishedAndNothingChanges() throws IOException {
        Path copy = copyOfFixture("finished");
        byte[] journal = Files.readAllBytes(copy.resolve(Journal.FILE));
        Summary summary = new SearchRun(plan(copy), registry(), RunConsole.silent()).execute(copy);
        assertThat(summary).isEqualTo(Summary.read(fixture().resolve(Summary.FILE)).orElseThrow());
        assertThat(Files.readAllBytes(copy.resolve(Journal.FILE))).isEqualTo(journal);
        // that engine wrote no model card; the journal holds what one says, so the export gets it
        assertThat(ModelCard.read(copy.resolve("model")).genome()).isEqualTo(summary.bestGenome());
        assertThat(ModelCard.read(copy.resolve("model")).accuracy().test()).isEqualTo(summary.testAccuracy());
    }

    @Test
    void aRunKilledInGenerationTwoResumesToTheJournalItsEngineWrote() throws IOException {
        Path copy = copyOfFixture("killed");
        List<String> lines = Files.readAllLines(copy.resolve(Journal.FILE));
        int cut = 0;
        int generationsFinished = 0;
        while (generationsFinished < 2) {
            if (lines.get(cut).contains("\"type\":\"generation-finished\"")) {
                generationsFinished++;
            }
            cut++;
        }
        // generation 2's first trial was journalled, then the process died
        Files.writeString(copy.resolve(Journal.FILE), String.join("\n", lines.subList(0, cut + 1)) + "\n");
        for (String gone : List.of(Summary.FILE, RunReport.FILE, TrialsCsv.FILE)) {
            Files.delete(copy.resolve(gone));
        }
        FileTrees.delete(copy.resolve("model"));

        new SearchRun(plan(copy), registry(), RunConsole.silent()).execute(copy);

        // the same events, the new generations and trials with the fields engines have written since (no
        // child was repaired; the trials trained in float32)
        assertThat(ComparableJournal.of(copy)).map(line -> line.replace("\"repaired\":0,\"drawn\":0,", "")
                        .replace(",\"precision\":\"fp32\"", ""))
                .isEqualTo(ComparableJournal.of(fixture()));
        assertThat(ComparableJournal.events(copy, RunResumed.class)).singleElement()
                .satisfies(r -> assertThat(r.replayed()).isEqualTo(11));
        assertThat(copy.resolve("model/onemax.txt")).hasSameTextualContentAs(fixture().resolve("model/onemax.txt"));
    }

    private Path copyOfFixture(String name) throws IOException {
        Path copy = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(fixture())) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(fixture().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    private static Plan plan(Path dir) {
        return RunRecord.read(dir).plan();
    }

    private static PluginRegistry registry() {
        return PluginRegistry.load(List.of(), List.of(new OneMaxPlugin()));
    }
}
