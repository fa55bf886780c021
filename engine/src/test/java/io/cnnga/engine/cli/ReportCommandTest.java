package io.cnnga.engine.cli;

import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.run.OneMaxPlugin;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    static final String PLAN = """
            {"name": "report-cli", "seed": 1,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 2, "trainSize": 20, "testSize": 4}},
             "decoder": {"id": "onemax", "options": {"length": 6, "convs": 1}},
             "backend": {"id": "onemax"},
             "search": {"population": 3, "generations": 2, "elites": 1},
             "final": {"epochs": 2}}
            """;

    @TempDir
    Path dir;

    @Test
    void rebuildsTheReportOfARunFolder() throws Exception {
        Path run = dir.resolve("run");
        new SearchRun(PlanReader.parse(PLAN, "test", "report-cli"),
                PluginRegistry.load(List.of(), List.of(new OneMaxPlugin())), RunConsole.silent()).execute(run);
        String written = Files.readString(run.resolve("report.html"));
        Files.delete(run.resolve("report.html"));
        Files.delete(run.resolve("trials.csv"));

        CliRun result = CliRun.of("report", run.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo("Report: " + run.resolve("report.html") + System.lineSeparator());
        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(written);
        assertThat(run.resolve("trials.csv")).exists();
    }

    @Test
    void aFolderWithoutARunIsAUsageErrorOnOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun result = CliRun.of("report", empty.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("error: " + empty + ": not a run folder");
        assertThat(result.out()).isEmpty();
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }

        CliRun missing = CliRun.of("report", dir.resolve("no-such-folder").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.errLines()).hasSize(1);

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("journal.jsonl"), "{\"type\": \"something-else\"}\n");
        CliRun notOurs = CliRun.of("report", foreign.toString());
        assertThat(notOurs.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(notOurs.errLines()).singleElement().asString().contains("has no run-started event");
    }
}
