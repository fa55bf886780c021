package io.cnnga.engine.run;

import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.FileTrees;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a resumed run checks of a run folder, and the states a killed process can leave in it. */
class ResumeVerifiesTest {

    @TempDir
    Path dir;

    static Plan plan() {
        return SearchRunTest.plan(3);
    }

    @Test
    void aFinishedRunWithItsModelDeletedTrainsTheFinalNetworkAgain() throws IOException {
        Path out = dir.resolve("run");
        SearchRunTest.run(plan(), out, new OneMaxPlugin());
        String model = Files.readString(out.resolve("model/onemax.txt"));
        FileTrees.delete(out.resolve(RunFolder.MODEL));

        OneMaxPlugin again = new OneMaxPlugin();
        SearchRunTest.run(plan(), out, again);

        assertThat(again.trainings.get()).as("only the final network trains again").isEqualTo(1);
        assertThat(out.resolve("model/onemax.txt")).hasContent(model);
        assertThat(ComparableJournal.events(out, FinalFinished.class)).hasSize(2);
    }

    @Test
    void theExportCarriesItsModelCard() throws IOException {
        Path out = dir.resolve("run");
        Summary summary = SearchRunTest.run(plan(), out, new OneMaxPlugin());
        ModelCard card = ModelCard.read(out.resolve(RunFolder.MODEL));
        assertThat(card.genome()).isEqualTo(summary.bestGenome());
        assertThat(card.accuracy().test()).isEqualTo(summary.testAccuracy());
        assertThat(card.network().toString()).isEqualTo(summary.network().toString());
        assertThat(out.resolve(RunFolder.MODEL).resolve(ModelCard.README)).content().contains(card.genome());
    }

    @Test
    void aFinishedRunWithItsModelCardDeletedOrDamagedGetsItBackWithoutTraining() throws IOException {
        Path out = dir.resolve("run");
        SearchRunTest.run(plan(), out, new OneMaxPlugin());
        Path model = out.resolve(RunFolder.MODEL);
        String card = Files.readString(model.resolve(ModelCard.FILE));
        String readme = Files.readString(model.resolve(ModelCard.README));
        String weights = Files.readString(model.resolve("onemax.txt"));

        Files.delete(model.resolve(ModelCard.FILE));
        Files.delete(model.resolve(ModelCard.README));
        OneMaxPlugin again = new OneMaxPlugin();
        SearchRunTest.run(plan(), out, again);
        assertThat(again.trainings.get()).as("the card comes from the journal, not a training").isZero();
        assertThat(model.resolve(ModelCard.FILE)).hasContent(card);
        assertThat(model.resolve(ModelCard.README)).hasContent(readme);
        assertThat(model.resolve("onemax.txt")).hasContent(weights);

        Files.writeString(model.resolve(ModelCard.FILE), "{\"card\": 1, \"format\": ");
        OneMaxPlugin third = new OneMaxPlugin();
        SearchRunTest.run(plan(), out, third);
        assertThat(third.trainings.get()).isZero();
        assertThat(model.resolve(ModelCard.FILE)).hasContent(card);

        byte[] journal = Files.readAllBytes(out.resolve(Journal.FILE));
        SearchRunTest.run(plan(), out, new OneMaxPlugin());
        assertThat(Files.readAllBytes(out.resolve(Journal.FILE))).as("with its card in place the run is finished")
                .isEqualTo(journal);
    }

    @Test
    void aFinishedRunWithoutItsSummaryAndReportGetsThemBackWithoutTraining() throws IOException {
        Path out = dir.resolve("run");
        Summary first = SearchRunTest.run(plan(), out, new OneMaxPlugin());
        Files.delete(out.resolve(Summary.FILE));
        Files.delete(out.resolve(RunReport.FILE));

        OneMaxPlugin again = new OneMaxPlugin();
        Summary second = SearchRunTest.run(plan(), out, again);

        assertThat(again.trainings.get()).isZero();
        assertThat(second.bestGenome()).isEqualTo(first.bestGenome());
        assertThat(second.testAccuracy()).isEqualTo(first.testAccuracy());
        assertThat(out.resolve(Summary.FILE)).exists();
        assertThat(out.resolve(RunReport.FILE)).exists();
    }

    @Test
    void aFinishedRunWithEverythingInPlaceIsLeftAsItIs() throws IOException {
        Path out = dir.resolve("run");
        SearchRunTest.run(plan(), out, new OneMaxPlugin());
        byte[] journal = Files.readAllBytes(out.resolve(Journal.FILE));
        OneMaxPlugin again = new OneMaxPlugin();
        SearchRunTest.run(plan(), out, again);
        assertThat(again.trainings.get()).isZero();
        assertThat(Files.readAllBytes(out.resolve(Journal.FILE))).isEqualTo(journal);
    }

    @Test
    void anEmptyJournalLeftByAKilledStartIsAFreshStart() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.createFile(out.resolve(Journal.FILE));
        SearchRunTest.run(plan(), out, new OneMaxPlugin());
        SearchRunTest.run(plan(), dir.resolve("straight"), new OneMaxPlugin());
        assertThat(ComparableJournal.of(out)).isEqualTo(ComparableJournal.of(dir.resolve("straight")));
    }

    @Test
    void aFailedExportKeepsThePreviousModelAndLeavesNoStagingBehind() throws IOException {
        Path out = dir.resolve("run");
        try (RunFolder folder = RunFolder.lock(out)) {
            folder.replaceModel(staging -> write(staging.resolve("weights"), "old"));
            assertThatThrownBy(() -> folder.replaceModel(staging -> {
                write(staging.resolve("weights"), "half");
                throw new UncheckedIOException(new FileSystemException(staging.toString(), null, "No space left on device"));
            })).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot write the model into " + out.resolve("model") + ": No space left on device");
        }
        assertThat(out.resolve("model/weights")).hasContent("old");
        assertThat(SearchRunTest.list(out)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(".lock", "model");
    }

    @Test
    void leftoversOfAnInterruptedExportAreTidiedOnTheNextStart() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        write(out.resolve(".model.exporting-123/saved_model.pb"), "half");
        write(out.resolve(".model.previous/weights"), "old");   // killed between setting aside and moving in
        try (RunFolder ignored = RunFolder.lock(out)) {
            assertThat(out.resolve("model/weights")).hasContent("old");
            assertThat(out.resolve(".model.exporting-123")).doesNotExist();
            assertThat(out.resolve(".model.previous")).doesNotExist();
        }
    }

    @Test
    void wallTimeCountsTheProcessesNotTheHoursBetweenThem() throws IOException {
        Path out = dir.resolve("run");
        SearchRunTest.run(plan(), out, new OneMaxPlugin());
        // as if the run had been resumed an hour after the second trial: the gap is not counted
        java.util.List<String> lines = Files.readAllLines(out.resolve(Journal.FILE));
        RunRecord straight = RunRecord.read(out);
        java.time.Instant start = straight.started();
        StringBuilder shifted = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 3) {
                shifted.append(io.cnnga.engine.journal.JournalJson.write(
                        new io.cnnga.engine.journal.RunResumed(straight.trials().get(1).finishedAt().plusSeconds(3600), 2))).append('\n');
            }
            shifted.append(i >= 3 ? shiftTimes(line, 3600) : line).append('\n');
        }
        Files.writeString(out.resolve(Journal.FILE), shifted);
        Files.delete(out.resolve(Summary.FILE));
        Summary summary = SearchRunTest.run(plan(), out, new OneMaxPlugin());
        assertThat(summary.seconds()).isLessThan(600).isGreaterThan(0);
        assertThat(RunRecord.read(out).started()).isEqualTo(start);
    }

    /** The line with every time an hour later. */
    private static String shiftTimes(String line, long seconds) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(time|startedAt)\":\"([^\"]+)\"").matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "\"" + m.group(1) + "\":\"" + java.time.Instant.parse(m.group(2)).plusSeconds(seconds) + "\"");
        }
        m.appendTail(b);
        return b.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
