package io.cnnga.engine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataCommandTest {

    @TempDir
    Path dir;

    @Test
    void fashionMnistSplitsInto54000And6000And10000BalancedOverTenClasses() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        Path plan = dir.resolve("fashion.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"fashion-mnist\"}}");
        CliRun run = CliRun.of("data", plan.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("28x28x1, 10 classes")
                .containsPattern("total\\s+54,000\\s+6,000\\s+10,000")
                .containsPattern("Ankle boot\\s+5,400\\s+600\\s+1,000")
                .containsPattern("T-shirt/top\\s+5,400\\s+600\\s+1,000");
    }

    @Test
    void brokenDataFileExitsTwoWithOneLineNamingIt() throws IOException {
        Path data = Files.createDirectories(dir.resolve("broken"));
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.write(data.resolve(name), new byte[] {0, 0, 8, 3, 0});
        }
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"mnist\", \"options\": {\"path\": \"" + data + "\"}}}");
        CliRun run = CliRun.of("data", plan.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(data.toString());
    }

    @Test
    void aRelativeDataPathIsReadBesideThePlanAndTheErrorShowsTheAbsolutePath() throws IOException {
        Path plans = Files.createDirectories(dir.resolve("plans"));
        Path plan = plans.resolve("relative.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"fashion-mnist\", \"options\": {\"path\": \"../nowhere\"}}}");
        CliRun run = CliRun.of("data", plan.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("error: " + dir.resolve("nowhere").toAbsolutePath().normalize());
    }
}
