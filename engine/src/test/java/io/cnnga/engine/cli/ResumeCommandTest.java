package io.cnnga.engine.cli;

import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code engine resume DIR} for every state a run folder can be left in: it resumes, or says what to run instead. */
class ResumeCommandTest {

    static final String PLAN = """
            {"name": "tiny", "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "trainSize": 120, "testSize": 20}},
             "backend": {"id": "tensorflow", "options": {"threads": 1}},
             "training": {"epochs": 1}, "search": {"population": 2, "generations": 1, "maxForwardFlops": 2e7},
             "final": {"epochs": 0}}
            """;

    @TempDir
    Path dir;

    @Test
    void aFolderWhoseProcessDiedBeforeTheRunStartedResumesFromItsPlanFile() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.writeString(out.resolve("plan.json"), PLAN);
        Files.createFile(out.resolve(Journal.FILE));
        CliRun resume = CliRun.of("resume", out.toString());
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(out.resolve(Summary.FILE)).exists();
    }

    @Test
    void anEmptyJournalWithoutAPlanSendsToRunNotBackToResume() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.createFile(out.resolve(Journal.FILE));
        CliRun resume = CliRun.of("resume", out.toString());
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.errLines()).singleElement().asString()
                .contains("no run started here").contains("'engine run PLAN.json --out " + out + "'");

        Path plan = dir.resolve("tiny.json");
        Files.writeString(plan, PLAN);
        CliRun run = CliRun.of("run", plan.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void aRunWhosePlanFileWasDeletedResumesFromItsJournal() throws IOException {
        Path plan = dir.resolve("tiny.json");
        Files.writeString(plan, PLAN);
        Path out = dir.resolve("run");
        assertThat(CliRun.of("run", plan.toString(), "--out", out.toString()).exitCode()).isZero();
        Files.delete(out.resolve("plan.json"));
        Files.delete(out.resolve(Summary.FILE));

        CliRun resume = CliRun.of("resume", out.toString());
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(out.resolve("plan.json")).exists();
        assertThat(out.resolve(Summary.FILE)).exists();
    }
}
