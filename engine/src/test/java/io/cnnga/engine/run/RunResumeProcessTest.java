package io.cnnga.engine.run;

import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.cli.EngineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code engine run} with the real TensorFlow backend in a child JVM, killed with SIGKILL in the
 * middle of a trial, then {@code engine resume}d.
 */
class RunResumeProcessTest {

    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    static final String PLAN = """
            {"name": "killed", "seed": 5,
             "dataset": {"id": "fashion-mnist", "options": {"trainLimit": 1500, "testLimit": 300}},
             "backend": {"id": "tensorflow", "options": {"threads": 1}},
             "training": {"epochs": 1, "batchSize": 32},
             "search": {"population": 3, "generations": 3, "maxForwardFlops": 2e7, "maxParams": 1e7},
             "final": {"epochs": 1}}
            """;

    @TempDir
    Path dir;

    @Test
    void killedMidTrialThenResumedFinishesAndTrainsNothingTwice() throws Exception {
        assumeTrue(Files.isDirectory(FASHION), "Debian's dataset-fashion-mnist is not installed");
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, PLAN);
        Path out = dir.resolve("run");

        Path firstLog = dir.resolve("first.log");
        Process first = engine(firstLog, "run", plan.toString(), "--out", out.toString());
        // Kill once generation 1's first training has started and run for a moment.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.readString(firstLog).contains("training gen 1 #0") && System.nanoTime() < deadline) {
            assertThat(first.isAlive()).as("first run ended early:%n%s", Files.readString(firstLog)).isTrue();
            Thread.sleep(100);
        }
        Thread.sleep(700);
        first.destroyForcibly();                       // SIGKILL on Linux
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        assertThat(Files.exists(out.resolve("summary.json"))).isFalse();

        Path secondLog = dir.resolve("second.log");
        Process second = engine(secondLog, "resume", out.toString());
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(secondLog)).isZero();

        List<TrialFinished> trials = ComparableJournal.events(out, TrialFinished.class);
        assertThat(trials).hasSize(3 + 2 * 2);
        Set<String> trainedNetworks = new HashSet<>();
        for (TrialFinished t : trials) {
            if (t.status() != TrialStatus.CACHED && t.seconds() > 0) {
                trainedNetworks.add(t.genome());
            }
        }
        int trainingsFirst = count(firstLog, "training gen ");
        int trainingsSecond = count(secondLog, "training gen ");
        assertThat(trainingsFirst + trainingsSecond)
                .isBetween(trainedNetworks.size(), trainedNetworks.size() + 1);
        assertThat(Files.readString(secondLog)).contains("trials replayed from the journal");
        Summary summary = Summary.read(out.resolve(Summary.FILE)).orElseThrow();
        assertThat(summary.testAccuracy()).isGreaterThan(0.3);
        assertThat(out.resolve("model/saved_model.pb")).exists();
    }

    @Test
    void runOnAFolderHoldingAnotherPlansRunExitsTwoAndChangesNothing() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {"name": "one", "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "trainSize": 200, "testSize": 20}},
                 "backend": {"id": "tensorflow", "options": {"threads": 1}},
                 "training": {"epochs": 1}, "search": {"population": 2, "generations": 1, "maxForwardFlops": 2e7},
                 "final": {"epochs": 0}}
                """);
        Path out = dir.resolve("run");
        Process first = engine(dir.resolve("a.log"), "run", plan.toString(), "--out", out.toString());
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();
        Files.delete(out.resolve("summary.json"));
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(plan).replace("\"seed\"", "\"x\"").replace("\"name\": \"one\"",
                "\"name\": \"one\", \"seed\": 7"));
        byte[] journal = Files.readAllBytes(out.resolve(Journal.FILE));
        List<String> files = listing(out);

        Process second = engine(dir.resolve("b.log"), "run", other.toString(), "--out", out.toString());
        assertThat(second.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(dir.resolve("b.log"));
        assertThat(second.exitValue()).as(log).isEqualTo(2);
        assertThat(log.lines().filter(l -> !l.isBlank()).toList()).hasSize(1);
        assertThat(log).contains("holds a run of a different plan (seed was 42, is now 7)");
        assertThat(Files.readAllBytes(out.resolve(Journal.FILE))).isEqualTo(journal);
        assertThat(listing(out)).isEqualTo(files);
    }

    private static List<String> listing(Path d) throws IOException {
        try (var s = Files.walk(d)) {
            return s.map(p -> p + ":" + p.toFile().length()).sorted().toList();
        }
    }

    private static int count(Path log, String needle) throws IOException {
        return (int) Files.readString(log).lines().filter(l -> l.contains(needle)).count();
    }

    /** {@code bin/engine ARGS} in a child JVM with this test's class path. */
    private Process engine(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineCommand.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
    }
}
