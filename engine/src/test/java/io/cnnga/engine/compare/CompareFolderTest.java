package io.cnnga.engine.compare;

import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where comparisons go, and what the CSV and HTML hold for a failed training. */
class CompareFolderTest {

    @TempDir
    Path dir;

    static Comparison oneFailure() {
        return new Comparison("p", 1, "synthetic", 100, 10, 20, new TrainingConfig(1, 32, 1e-3, 1L, null),
                List.of("tensorflow", "pytorch"), List.of(new ComparisonRow(Genome.of("0101"), 1234, List.of(
                        BackendOutcome.completed("tensorflow", "fp32", 0.5, 0.25, 1000.04, 2.26),
                        BackendOutcome.failed("pytorch", "out of memory: needs 3 GB, has 2 <\"x\">", 0.5)))));
    }

    @Test
    void theDefaultFolderIsBesideTheRunAndNeverOneWithAComparison() throws IOException {
        Path run = dir.resolve("runs/quick");
        assertThat(CompareFolder.besideRun(run).dir()).isEqualTo(dir.resolve("runs/quick-compare"));
        CompareFolder.besideRun(run).write(oneFailure());
        assertThat(CompareFolder.besideRun(run).dir()).isEqualTo(dir.resolve("runs/quick-compare-2"));
        Files.createDirectories(dir.resolve("runs/quick-compare-2"));
        Files.writeString(dir.resolve("runs/quick-compare-2/compare.html"), "");
        assertThat(CompareFolder.besideRun(run).dir()).isEqualTo(dir.resolve("runs/quick-compare-3"));
    }

    @Test
    void aChosenFolderWithACsvIsRefused() throws IOException {
        CompareFolder.chosen(dir).write(oneFailure());
        assertThatThrownBy(() -> CompareFolder.chosen(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compare.csv exists");
    }

    @Test
    void aFailedTrainingLeavesItsNumbersEmptyAndQuotesItsReason() {
        String csv = ComparisonCsv.of(oneFailure());
        assertThat(csv.lines().toList().get(1)).isEqualTo(
                "0101,1234,0.5000,0.2500,1000.0,2.3,,fp32,,,,0.5,\"out of memory: needs 3 GB, has 2 <\"\"x\"\">\",");
        String html = ComparisonHtml.of(oneFailure());
        assertThat(html).contains("failed: out of memory: needs 3 GB, has 2 &lt;&quot;x&quot;&gt;")
                .doesNotContain("<\"x\">");
        assertThat(ComparisonTable.of(oneFailure())).contains("0101 on pytorch failed: out of memory",
                "pytorch vs tensorflow: no genome completed on both");
    }
}
