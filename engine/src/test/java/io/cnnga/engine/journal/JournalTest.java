package io.cnnga.engine.journal;

import io.cnnga.api.Precision;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal file: what every state a crash can leave reads as, and what a damaged line says. */
class JournalTest {

    static final Instant T = Instant.parse("2026-12-04T08:00:00Z");

    @TempDir
    Path dir;

    static String trialLine(int index) {
        return JournalJson.write(new TrialFinished(T, T, 0, index, "0101", TrialStatus.COMPLETE, 0.5, List.of(), 10, 20,
                1.5, ""));
    }

    Path journal(String content) throws IOException {
        Path file = dir.resolve(Journal.FILE);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aCompleteLastEventWithoutItsNewlineIsKeptAndTheNextAppendGoesOnItsOwnLine() throws IOException {
        Path file = journal(trialLine(0) + "\n" + trialLine(1));
        assertThat(Journal.read(file)).hasSize(2);
        try (Journal journal = Journal.open(file)) {
            journal.append(new RunFinished(T, 1, 2));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(trialLine(0), trialLine(1), JournalJson.write(new RunFinished(T, 1, 2)));
        assertThat(Journal.read(file)).hasSize(3);
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOffBeforeTheNextAppend() throws IOException {
        Path file = journal(trialLine(0) + "\n" + trialLine(1).substring(0, 40));
        assertThat(Journal.read(file)).hasSize(1);
        try (Journal journal = Journal.open(file)) {
            journal.append(new RunFinished(T, 1, 1));
        }
        assertThat(Files.readAllLines(file)).containsExactly(trialLine(0), JournalJson.write(new RunFinished(T, 1, 1)));
    }

    @Test
    void aWholeLastLineThatDoesNotReadIsRefusedNotCutOff() throws IOException {
        // A torn write lacks its newline; a line with one is damage or a newer engine's, and is kept.
        String damaged = trialLine(1).replace("\"fitness\":0.5", "\"fitness\":\"abc\"");
        Path file = journal(trialLine(0) + "\n" + damaged + "\n");
        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("line 2: trial-finished event: field \"fitness\"");
        assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(JournalCorruptException.class);
        assertThat(Files.readString(file)).isEqualTo(trialLine(0) + "\n" + damaged + "\n");
    }

    @Test
    void aLastLineTornInsideAMultiByteCharacterIsIgnored() throws IOException {
        Path file = journal(trialLine(0) + "\n");
        byte[] euro = "{\"type\":\"trial-finished\",\"reason\":\"\u20ac".getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(euro, euro.length - 1), StandardOpenOption.APPEND);
        assertThat(Journal.read(file)).hasSize(1);
        try (Journal ignored = Journal.open(file)) {
            assertThat(Files.readString(file)).isEqualTo(trialLine(0) + "\n");
        }
    }

    @Test
    void aValidJsonLineWithAMissingFieldNamesTheLineAndTheField() throws IOException {
        Path file = journal(trialLine(0) + "\n{\"type\":\"trial-finished\",\"time\":\"2026-12-04T08:00:00Z\",\"generation\":0,"
                + "\"index\":1,\"status\":\"COMPLETE\",\"fitness\":0.5,\"params\":1,\"flops\":1,\"seconds\":1}\n" + trialLine(2) + "\n");
        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("journal.jsonl: line 2: trial-finished event:")
                .hasMessageContaining("'genome'");
    }

    @Test
    void aTrialsPrecisionReadsBackAndAnUnknownOneNamesTheAcceptedValues() throws IOException {
        TrialResult bf16 = new TrialFinished(T, T, 0, 0, "0101", TrialStatus.COMPLETE, 0.5, List.of(), 10, 20, 1.5, "")
                .result().withPrecision(Precision.BF16);
        String line = JournalJson.write(TrialFinished.of(bf16, T, T));
        assertThat(line).contains("\"precision\":\"bf16\"");
        Path file = journal(line + "\n" + line.replace("\"bf16\"", "\"fp8\"") + "\n" + trialLine(2) + "\n");
        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("line 2: trial-finished event: precision: must be one of [fp32, bf16], was \"fp8\"");
        Files.writeString(file, line + "\n");
        assertThat(((TrialFinished) Journal.read(file).get(0)).result().precision()).isEqualTo(Precision.BF16);
    }

    @Test
    void aFitnessThatIsNotANumberIsRefusedNotReadAsZero() throws IOException {
        Path file = journal(trialLine(0).replace("\"fitness\":0.5", "\"fitness\":\"abc\"") + "\n" + trialLine(1) + "\n");
        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("line 1: trial-finished event: field \"fitness\"");
    }

    @Test
    void eventsOfTypesThisEngineDoesNotKnowAreSkipped() throws IOException {
        Path file = journal(trialLine(0) + "\n{\"type\":\"from-the-future\",\"time\":\"2026-12-04T08:00:00Z\"}\n"
                + trialLine(1) + "\n");
        assertThat(Journal.read(file)).hasSize(2).allMatch(e -> e instanceof TrialFinished);
    }

    @Test
    void appendingOnAFullDiskSaysSo() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        Path file = Files.createSymbolicLink(dir.resolve(Journal.FILE), full);
        try (Journal journal = Journal.open(file)) {
            assertThatThrownBy(() -> journal.append(new RunFinished(T, 1, 1))).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot append to the journal " + file + ": No space left on device");
        }
    }

    @Test
    void eventsWriteTypeFirstAndReadBackEqual() {
        RunResumed resumed = new RunResumed(T, 3);
        assertThat(JournalJson.write(resumed)).isEqualTo("{\"type\":\"run-resumed\",\"time\":\"2026-12-04T08:00:00Z\",\"replayed\":3}");
        assertThat(JournalJson.read(JournalJson.write(resumed))).isEqualTo(resumed);
    }
}
