package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnga.api.ImageSet;
import io.cnnga.api.support.CpuFeatures;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.model.ModelCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code engine predict} on the exports of real tiny runs on Fashion-MNIST: it reproduces the
 * run's test accuracy from the export and its card alone, treats image files as the dataset's
 * arrays, and reports bad input one line each while still classifying the rest.
 */
class PredictCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCURACY = Pattern.compile("accuracy (\\d\\.\\d{4}) \\(([\\d,]+) of ([\\d,]+) labelled images\\)");

    @TempDir
    Path dir;

    @BeforeAll
    static void fashionMnist() {
        assumeTrue(FashionExports.available(), "Debian's dataset-fashion-mnist is not installed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tensorflow", "pytorch"})
    void predictOnTheTestSplitPrintsTheRunsTestAccuracy(String backend) throws IOException {
        Path run = FashionExports.run(backend);
        ImageSet test = FashionExports.testSplit(backend);
        assertThat(test.size()).as("testLimit").isEqualTo(400);
        Path images = FashionExports.writeIdxImages(test, dir.resolve("test-images-idx3-ubyte"));
        Path labels = FashionExports.writeIdxLabels(test, dir.resolve("test-labels-idx1-ubyte"));

        CliRun predict = CliRun.of("predict", run.toString(), images.toString(), "--labels-from", labels.toString());

        assertThat(predict.exitCode()).as(predict.err()).isZero();
        Matcher m = ACCURACY.matcher(predict.out());
        assertThat(m.find()).as(predict.out()).isTrue();
        double testAccuracy = Summary.read(run.resolve(Summary.FILE)).orElseThrow().testAccuracy();
        assertThat(m.group(1)).isEqualTo(String.format(Locale.ROOT, "%.4f", testAccuracy));
        assertThat(m.group(3)).isEqualTo("400");
        assertThat(predict.out().lines().filter(l -> l.startsWith(images + "#"))).hasSize(400);
        System.out.printf("%s: predict printed %s, summary.json testAccuracy %s%n", backend, m.group(0), testAccuracy);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tensorflow", "pytorch"})
    void theModelCardDescribesTheExport(String backend) throws IOException {
        Path run = FashionExports.run(backend);
        ModelCard card = ModelCard.read(run.resolve("model"));
        Summary summary = Summary.read(run.resolve(Summary.FILE)).orElseThrow();
        assertThat(card.format()).isEqualTo(backend.equals("tensorflow") ? "savedmodel" : "safetensors");
        assertThat(card.framework().name()).isEqualTo(backend.equals("tensorflow") ? "TensorFlow" : "PyTorch");
        assertThat(card.framework().version()).matches("\\d+\\.\\d+.*");
        assertThat(card.genome()).isEqualTo(summary.bestGenome());
        assertThat(card.network().toString()).isEqualTo(summary.network().toString());
        assertThat(card.input().shape()).containsExactly(28, 28, 1);
        assertThat(card.classNames()).hasSize(10).contains("Ankle boot");
        assertThat(card.preprocessing().colour()).isEqualTo("grey");
        assertThat(card.preprocessing().resize()).isEqualTo("none");
        assertThat(card.preprocessing().description()).contains("idx bytes");
        // the plan leaves precision at auto: TensorFlow trains in bf16 where the CPU has it, the export is float32
        assertThat(card.precision()).isEqualTo(backend.equals("tensorflow") && CpuFeatures.current().fastBf16() ? "bf16" : "fp32");
        assertThat(card.accuracy().test()).isEqualTo(summary.testAccuracy());
        assertThat(card.accuracy().testImages()).isEqualTo(400);
        assertThat(card.accuracy().validation()).isEqualTo(summary.finalValidationAccuracy());
        assertThat(card.dataset().id()).isEqualTo("fashion-mnist");
        assertThat(card.dataset().options()).containsEntry("testLimit", 400);
        assertThat(card.plan().name()).isEqualTo("predict-" + backend);
        assertThat(card.plan().seed()).isEqualTo(11);
        assertThat(card.role()).isEqualTo(ModelCard.FINAL);
        assertThat(card.spec().params()).isEqualTo(summary.network().get("params").asLong());
        String readme = Files.readString(run.resolve("model").resolve(ModelCard.README));
        assertThat(readme).contains(String.format(Locale.ROOT, "%.4f on 400 images", summary.testAccuracy()))
                .contains("bin/engine predict");
        if (backend.equals("tensorflow")) {
            assertThat(card.signature()).isEqualTo(ModelCard.Signature.SERVING_DEFAULT);
            assertThat(readme).contains("tf.saved_model.load(").contains("serving_default").contains("SavedModelBundle.load(");
        } else {
            assertThat(card.signature()).isNull();
            assertThat(readme).contains("model.safetensors");
        }
    }

    /** 2× enlarged RGB PNGs and same-size grey PNGs become the very pixels of the idx file. */
    @Test
    void pngsOfAnotherSizeAndColourModeGetTheClassesOfTheArrayPath() throws IOException {
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(40);
        Path idx = FashionExports.writeIdxImages(test, dir.resolve("idx"));
        List<Path> rgb = new ArrayList<>();
        List<Path> grey = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            rgb.add(FashionExports.png(FashionExports.rgb(test, i, 2), dir.resolve(String.format("rgb56/%03d.png", i))));
            grey.add(FashionExports.png(FashionExports.grey(test, i, 1), dir.resolve(String.format("grey28/%03d.png", i))));
        }

        List<JsonNode> arrays = predictions(run, idx.toString());
        List<JsonNode> fromRgb = predictions(run, dir.resolve("rgb56").toString());
        List<JsonNode> fromGrey = predictions(run, dir.resolve("grey28").toString());

        assertThat(arrays).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(fromRgb.get(i).get("image").asText()).isEqualTo(rgb.get(i).toString());
            assertThat(fromGrey.get(i).get("image").asText()).isEqualTo(grey.get(i).toString());
            int expected = arrays.get(i).get("top").get(0).get("class").asInt();
            assertThat(fromRgb.get(i).get("top").get(0).get("class").asInt()).as("56x56 RGB image %d", i).isEqualTo(expected);
            assertThat(fromGrey.get(i).get("top").get(0).get("class").asInt()).as("grey image %d", i).isEqualTo(expected);
            assertThat(fromRgb.get(i).get("top").get(0).get("probability").asDouble())
                    .isEqualTo(arrays.get(i).get("top").get(0).get("probability").asDouble());
        }
    }

    @Test
    void aFolderOfPngsWithClassFoldersGetsTheAccuracyOfThoseImages() throws IOException {
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(150);
        Path folder = dir.resolve("pngs");
        for (int i = 0; i < test.size(); i++) {
            // class names such as "T-shirt/top" cannot be folder names: class folders may be named by index
            FashionExports.png(FashionExports.grey(test, i, 1), folder.resolve(test.label(i) + "/" + i + ".png"));
        }
        Path idx = FashionExports.writeIdxImages(test, dir.resolve("idx"));
        Path labels = FashionExports.writeIdxLabels(test, dir.resolve("labels"));
        long correct = 0;
        List<JsonNode> arrays = predictions(run, idx.toString());
        for (int i = 0; i < test.size(); i++) {
            correct += arrays.get(i).get("top").get(0).get("class").asInt() == test.label(i) ? 1 : 0;
        }
        String expected = String.format(Locale.ROOT, "accuracy %.4f (%,d of 150 labelled images)", correct / 150.0, correct);

        CliRun fromFolder = CliRun.of("predict", run.toString(), folder.toString(), "--labels-from", folder.toString());
        CliRun fromIdx = CliRun.of("predict", run.toString(), idx.toString(), "--labels-from", labels.toString());

        assertThat(fromFolder.exitCode()).as(fromFolder.err()).isZero();
        assertThat(fromFolder.out()).contains(expected).contains("true\\predicted").contains("classes: 0 T-shirt/top");
        assertThat(fromIdx.out()).contains(expected);
        System.out.println("folder of PNGs: " + expected);
    }

    @Test
    void jsonLinesEndWithASummary() throws IOException {
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(5);
        Path idx = FashionExports.writeIdxImages(test, dir.resolve("idx"));
        Path labels = FashionExports.writeIdxLabels(test, dir.resolve("labels"));
        CliRun predict = CliRun.of("predict", run.toString(), idx.toString(), "--labels-from", labels.toString(), "--json",
                "--top", "2", "--batch", "2");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines).hasSize(6);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("image").asText()).isEqualTo(idx + "#0");
        assertThat(first.get("top")).hasSize(2);
        assertThat(first.get("top").get(0).get("probability").asDouble())
                .isGreaterThanOrEqualTo(first.get("top").get(1).get("probability").asDouble());
        assertThat(first.get("label").asInt()).isEqualTo(test.label(0));
        JsonNode summary = JSON.readTree(lines.get(5)).get("summary");
        assertThat(summary.get("images").asInt()).isEqualTo(5);
        assertThat(summary.get("labelled").asInt()).isEqualTo(5);
        assertThat(summary.get("confusionMatrix")).hasSize(10);
        assertThat(summary.get("failed")).isEmpty();
    }

    @Test
    void aMissingModelFolderIsOneLineAndExitTwo() {
        Path missing = dir.resolve("no-such-run");
        CliRun predict = CliRun.of("predict", missing.toString(), dir.toString());
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.errLines()).hasSize(1);
        assertThat(predict.err()).contains(missing + ": no such folder").doesNotContain("Exception");
    }

    @Test
    void aFolderWithoutAModelCardIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("not-a-run"));
        CliRun predict = CliRun.of("predict", empty.toString(), dir.toString());
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.errLines()).hasSize(1);
        assertThat(predict.err()).contains(empty.resolve("model.json") + ": is missing").doesNotContain("Exception");
    }

    @Test
    void aCorruptImageIsListedAndTheGoodOnesArePredicted() throws IOException {
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(2);
        Path good = FashionExports.png(FashionExports.grey(test, 0, 1), dir.resolve("good.png"));
        Path other = FashionExports.png(FashionExports.grey(test, 1, 3), dir.resolve("other.png"));
        byte[] bytes = Files.readAllBytes(good);
        Path corrupt = Files.write(dir.resolve("corrupt.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        CliRun predict = CliRun.of("predict", run.toString(), good.toString(), corrupt.toString(), other.toString());

        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.out()).contains(good.toString()).contains(other.toString()).contains("2 images classified");
        assertThat(predict.out().lines().filter(l -> l.startsWith(corrupt.toString()))).isEmpty();
        assertThat(predict.errLines()).hasSize(1);
        assertThat(predict.err()).startsWith("error: " + corrupt + ": is not a readable image").doesNotContain("\tat ");
    }

    @Test
    void anIdxFileOfTheWrongShapeIsListedAndTheGoodOnesArePredicted() throws IOException {
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(3);
        Path good = FashionExports.writeIdxImages(test, dir.resolve("good-idx"));
        byte[] wrong = new byte[16 + 2 * 32 * 32];
        wrong[2] = 0x08;
        wrong[3] = 3;
        wrong[7] = 2;
        wrong[11] = 32;
        wrong[15] = 32;
        Path bad = Files.write(dir.resolve("cifar-sized-idx"), wrong);
        Path notIdx = Files.writeString(dir.resolve("notes.txt"), "hello");

        CliRun predict = CliRun.of("predict", run.toString(), bad.toString(), good.toString(), notIdx.toString());

        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.out().lines().filter(l -> l.startsWith(good + "#"))).hasSize(3);
        assertThat(predict.errLines()).hasSize(2);
        assertThat(predict.errLines().get(0)).startsWith("error: " + bad + ": holds 2 images of 32x32x1 but the model takes 28x28x1");
        assertThat(predict.errLines().get(1)).startsWith("error: " + notIdx + ": is not an idx file");
    }

    @Test
    void aTruncatedIdxFileKeepsTheImagesBeforeTheCutAndIsListed() throws IOException {
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(4);
        Path idx = FashionExports.writeIdxImages(test, dir.resolve("idx"));
        byte[] bytes = Files.readAllBytes(idx);
        Files.write(idx, java.util.Arrays.copyOf(bytes, 16 + 784 * 2 + 100));
        CliRun predict = CliRun.of("predict", run.toString(), idx.toString(), "--batch", "1");
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.out().lines().filter(l -> l.startsWith(idx + "#"))).hasSize(2);
        assertThat(predict.err()).contains(idx + ": truncated at byte " + (16 + 784 * 2 + 100));
    }

    private static List<JsonNode> predictions(Path run, String... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", run.toString()));
        args.addAll(List.of(inputs));
        args.add("--json");
        CliRun predict = CliRun.of(args.toArray(String[]::new));
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String line : predict.out().lines().toList()) {
            JsonNode node = JSON.readTree(line);
            if (node.has("image")) {
                out.add(node);
            }
        }
        return out;
    }
}
