package io.cnnga.engine.compare;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Genome;
import io.cnnga.decoder.paper.PaperDecoder;
import io.cnnga.engine.cli.EngineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code engine compare} through the command line, with the real TensorFlow and PyTorch
 * backends on a tiny synthetic plan (8×8 images, 4 classes, 2,000 training images, one epoch).
 */
class CompareCommandTest {

    static final String PLAN = """
            {"name": "tiny", "seed": 3,
             "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "channels": 1, "classes": 4,
                         "trainSize": 2000, "testSize": 400}},
             "decoder": {"id": "paper"},
             "backend": {"id": "tensorflow", "options": {"device": "cpu"}},
             "training": {"epochs": 1, "batchSize": 32, "learningRate": 0.001},
             "search": {"population": 2, "generations": 1}}
            """;

    /** 16 filters, kernel 2, one stage of one conv, relu; and kernel 3, elu. */
    static final String G1 = "00000000000001111111";
    static final String G2 = "00000100000011111111";

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EngineCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private Path plan() throws IOException {
        Path plan = dir.resolve("tiny.json");
        Files.writeString(plan, PLAN);
        return plan;
    }

    @Test
    void trainsEachGenomeOnBothBackendsAndWritesTheTable() throws IOException {
        Path out = dir.resolve("cmp");
        Result r = execute("compare", plan().toString(), "--backends", "tensorflow,pytorch",
                "--genomes", G1 + "," + G2, "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        List<String> lines = Files.readAllLines(out.resolve("compare.csv"));
        List<String> header = new ArrayList<>(List.of("genome", "params"));
        for (String backend : List.of("tensorflow", "pytorch")) {
            for (String column : List.of("validation_accuracy", "test_accuracy", "train_images_per_second", "seconds",
                    "failure", "precision")) {
                header.add(backend + "_" + column);
            }
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).split(",", -1)).containsExactlyElementsOf(header);
        DataInfo info = DataInfo.of("synthetic", 8, 8, 1, 4);
        List<String> genomes = List.of(G1, G2);
        for (int row = 0; row < 2; row++) {
            String[] f = lines.get(row + 1).split(",", -1);
            assertThat(f).hasSize(header.size());
            assertThat(f[0]).isEqualTo(genomes.get(row));
            assertThat(Long.parseLong(f[1])).isEqualTo(PaperDecoder.paper().decode(Genome.of(genomes.get(row)), info).params());
            for (int b = 0; b < 2; b++) {
                int at = 2 + 6 * b;
                assertThat(f[at + 4]).as("failure of %s", header.get(at + 4)).isEmpty();
                assertThat(f[at + 5]).as(header.get(at + 5)).isIn("fp32", "bf16");
                // Chance is 0.25: both backends really learned the templates.
                assertThat(Double.parseDouble(f[at])).as(header.get(at)).isBetween(0.5, 1.0);
                assertThat(Double.parseDouble(f[at + 1])).as(header.get(at + 1)).isBetween(0.5, 1.0);
                assertThat(Double.parseDouble(f[at + 2])).as(header.get(at + 2)).isPositive();
                assertThat(Double.parseDouble(f[at + 3])).as(header.get(at + 3)).isPositive();
            }
            assertThat(Double.parseDouble(f[3])).as("test accuracies of %s", f[0]).isCloseTo(Double.parseDouble(f[9]), within(0.15));
        }

        String html = Files.readString(out.resolve("compare.html"));
        assertThat(html).contains("<table", G1, G2, ">tensorflow<", ">pytorch<", "name=\"viewport\"")
                .doesNotContain("http://", "https://", "<script");
        assertThat(r.out()).contains(G1, G2, "val acc", "pytorch vs tensorflow over 2 genomes",
                out.resolve("compare.csv").toString());
    }

    @Test
    void anExistingComparisonIsNeverOverwritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("cmp"));
        Files.writeString(out.resolve("compare.csv"), "earlier\n");
        Result r = execute("compare", plan().toString(), "--backends", "tensorflow,pytorch", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("compare.csv exists");
        assertThat(out.resolve("compare.csv")).hasContent("earlier");
        assertThat(out.resolve("compare.html")).doesNotExist();
    }

    @Test
    void anUnknownBackendIsNamedWithTheAvailableOnes() throws IOException {
        Result r = execute("compare", plan().toString(), "--backends", "tensorflow,pytorh", "--out", dir.resolve("c").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("unknown backend \"pytorh\"", "available:", "pytorch", "tensorflow");
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void aBadGenomeIsOneLine() throws IOException {
        Result r = execute("compare", plan().toString(), "--backends", "tensorflow,pytorch", "--genomes", G1 + ",0101",
                "--out", dir.resolve("c").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("\"0101\" has 4 bits; the paper decoder reads 20");
    }

    @Test
    void backendsAreRequiredAndNotRepeated() throws IOException {
        Result missing = execute("compare", plan().toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("--backends");
        Result twice = execute("compare", plan().toString(), "--backends", "pytorch,pytorch");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.errLines()).singleElement().asString().contains("\"pytorch\" is listed twice");
    }
}
