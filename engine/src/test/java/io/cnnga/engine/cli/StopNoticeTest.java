package io.cnnga.engine.cli;

import io.cnnga.engine.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run stopped by a signal prints, checked on a real child JVM sent SIGTERM. */
class StopNoticeTest {

    static final String PLAN = """
            {"name": "stopped", "seed": 3,
             "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "trainSize": 2000, "testSize": 100}},
             "backend": {"id": "tensorflow", "options": {"threads": 1}},
             "training": {"epochs": 1, "batchSize": 16},
             "search": {"population": 2, "generations": 1, "maxForwardFlops": 2e7},
             "final": {"epochs": 0}}
            """;

    /** absl's ({@code I0000 00:00:...}) and TensorFlow's own ({@code 2026-12-04 13:29:50.219944: I ...}) line heads */
    static final Pattern TENSORFLOW_NATIVE_LOG = Pattern.compile("^([IWEF]\\d{4} |\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWEF] )");

    /** The headless second line of TensorFlow's two-line notice about the CPU instructions it was built without. */
    static final String TENSORFLOW_CPU_NOTICE_SECOND_LINE = "To enable the following instructions:";

    @TempDir
    Path dir;

    @Test
    void sigtermDuringATrialPrintsTheResumeCommandAndThatCommandFinishesTheRun() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, PLAN);
        Path out = dir.resolve("run");
        Path log = dir.resolve("run.log");
        Process run = engine(log, "run", plan.toString(), "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(log).contains("training gen 0 #0") && System.nanoTime() < deadline) {
            assertThat(run.isAlive()).as("the run ended early:%n%s", Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        Thread.sleep(300);
        run.destroy();                                  // SIGTERM on Linux
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).isEqualTo(143);
        // TensorFlow's native logging writes to the same stderr on its own schedule: its lines may come later
        List<String> lines = Files.readString(log).lines()
                .filter(l -> !l.isBlank() && !TENSORFLOW_NATIVE_LOG.matcher(l).find()
                        && !l.startsWith(TENSORFLOW_CPU_NOTICE_SECOND_LINE)).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("stopped; resume with: bin/engine resume " + out);
        assertThat(Files.readString(log)).doesNotContain("Exception");

        Path resumeLog = dir.resolve("resume.log");
        Process resume = engine(resumeLog, "resume", out.toString());
        assertThat(resume.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(resume.exitValue()).as(Files.readString(resumeLog)).isZero();
        assertThat(Files.readString(resumeLog)).doesNotContain("stopped;");
        assertThat(out.resolve("summary.json")).exists();
    }

    @Test
    void aRunStoppedBeforeItsJournalExistsIsToldToStartAgain() throws IOException {
        Path out = dir.resolve("run");
        String again = "bin/engine run plan.json --out " + out;
        assertThat(StopNotice.message(out, again))
                .isEqualTo("stopped before the run had recorded anything; start it again with: " + again);
        Files.createDirectories(out);
        Files.writeString(out.resolve(Journal.FILE), "");
        assertThat(StopNotice.message(out, again)).isEqualTo("stopped; resume with: bin/engine resume " + out);
    }

    @Test
    void foldersWithShellCharactersAreQuoted() {
        assertThat(StopNotice.shellWord("runs/fashion-quickstart")).isEqualTo("runs/fashion-quickstart");
        assertThat(StopNotice.shellWord("runs/my run")).isEqualTo("'runs/my run'");
        assertThat(StopNotice.shellWord("it's")).isEqualTo("'it'\\''s'");
    }

    /** {@code bin/engine ARGS} in a child JVM with this test's class path and bin/engine's TensorFlow log level. */
    private static Process engine(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
        return builder.start();
    }
}
