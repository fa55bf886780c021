package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnga.api.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A run's SavedModel is a standard one: a fresh JVM with TensorFlow Java on its class path and no
 * cnnga class loads it with {@code SavedModelBundle} alone, calls {@code serving_default} with
 * {@code images}, reads {@code probabilities}, and gets the classes {@code engine predict} prints.
 */
class SavedModelStandardTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWithOnlyTensorFlowOnItsClassPathPredictsWhatTheEnginePredicts() throws Exception {
        assumeTrue(FashionExports.available(), "Debian's dataset-fashion-mnist is not installed");
        Path run = FashionExports.run("tensorflow");
        ImageSet test = FashionExports.testSplit("tensorflow").head(60);
        Path idx = FashionExports.writeIdxImages(test, dir.resolve("idx"));
        Path pixels = dir.resolve("pixels.f32");
        ByteBuffer bytes = ByteBuffer.allocate(test.size() * 784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < test.size(); i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    bytes.putFloat(test.pixel(i, y, x, 0) / 255f);
                }
            }
        }
        Files.write(pixels, bytes.array());

        List<String> tensorFlowOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("/org/tensorflow/") || entry.contains("/com/google/protobuf/")
                        || entry.contains("/org/bytedeco/"))
                .toList();
        assertThat(tensorFlowOnly).isNotEmpty().noneMatch(entry -> entry.contains("cnnga"));
        Path probe = Path.of(SavedModelStandardTest.class.getResource("SavedModelProbe.java").toURI());
        Path log = dir.resolve("probe.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, tensorFlowOnly), probe.toString(),
                run.resolve("model").toString(), pixels.toString(), String.valueOf(test.size()), "28", "28", "1")
                .redirectError(log.toFile()).start();
        List<String> lines = new String(child.getInputStream().readAllBytes()).lines().toList();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isZero();

        CliRun predict = CliRun.of("predict", run.toString(), idx.toString(), "--json", "--top", "1");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> engine = new ArrayList<>();
        for (String line : predict.out().lines().toList()) {
            JsonNode node = json.readTree(line);
            if (node.has("image")) {
                engine.add(node.get("top").get(0));
            }
        }
        assertThat(lines).hasSize(test.size());
        assertThat(engine).hasSize(test.size());
        for (int i = 0; i < test.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            assertThat(Integer.parseInt(parts[0])).as("image %d", i).isEqualTo(engine.get(i).get("class").asInt());
            assertThat(Double.parseDouble(parts[1])).isCloseTo(engine.get(i).get("probability").asDouble(), within(1e-6));
        }
    }
}
