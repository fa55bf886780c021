package io.cnnga.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.RunStarted;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PlanWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a built-in backend's options, recorded without {@code precision}, mean when the run is
 * taken up again: the default ({@code auto}) for a run this engine started, float32 for one an
 * engine before the option started.
 */
class RecordedBackendOptionsTest {

    /** The quickstart's way of naming the backend: no precision, so its default. */
    private static final String PLAN = """
            {"name": "tf", "seed": 5,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "paper"},
             "backend": {"id": "tensorflow", "options": {"device": "auto"}},
             "search": {"population": 4, "generations": 2}}
            """;

    @TempDir
    Path dir;

    private static Plan plan() {
        return PlanReader.parse(PLAN, "test", "tf");
    }

    private void startedBy(RunStarted event) {
        try (Journal journal = Journal.open(dir.resolve(Journal.FILE))) {
            journal.append(event);
        }
    }

    private static RunStarted started(Plan plan) {
        return new RunStarted(Instant.parse("2026-12-04T00:00:00Z"), PlanWriter.toTree(plan), 20, 48, 48, 12, 12);
    }

    @Test
    void theSameRunAgainTakesUpARunThisEngineStartedWithTheBackendsDefaultPrecision() {
        startedBy(started(plan()));

        PriorRun prior = PriorRun.inspect(dir, plan());

        assertThat(prior.record()).isPresent();
        assertThat(prior.record().get().plan().backend().options()).doesNotContainKey("precision")
                .isEqualTo(plan().backend().options());
    }

    @Test
    void aRunAnEngineBeforeThePrecisionOptionStartedResumesInFloat32AsItTrained() throws IOException {
        startedBy(started(plan()));
        Path journal = dir.resolve(Journal.FILE);
        // What such an engine wrote: the same event without the format.
        String legacy = Files.readString(journal).replace(",\"format\":" + RunStarted.FORMAT, "");
        assertThat(legacy).doesNotContain("format");
        Files.writeString(journal, legacy);

        RunStarted read = (RunStarted) Journal.read(journal).get(0);

        assertThat(read.format()).isNull();
        assertThat(read.journalFormat()).isEqualTo(1);
        assertThat(read.resolvedPlan("test").backend().options()).containsEntry("precision", "fp32");
    }

    @Test
    void aJournalOfANewerFormatIsRefusedInOneLine() throws IOException {
        startedBy(started(plan()));
        Path journal = dir.resolve(Journal.FILE);
        Files.writeString(journal, Files.readString(journal).replace("\"format\":" + RunStarted.FORMAT, "\"format\":3"));

        assertThatThrownBy(() -> PriorRun.inspect(dir, plan()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1").hasMessageContaining("format: is 3, from a newer engine")
                .hasMessageNotContaining("\n");
    }
}
