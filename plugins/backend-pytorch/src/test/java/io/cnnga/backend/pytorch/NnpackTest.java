package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading libtorch turns NNPACK off, so that measuring latency at batch 1 writes nothing about it on stderr. */
class NnpackTest {

    @Test
    void loadingLibtorchTurnsNnpackOff() {
        PyTorchRuntime.engine(0);
        assertThat(Nnpack.enabled(PyTorchRuntime.processMaps())).contains(false);
    }

    @Test
    void libtorchIsFoundAmongTheProcessMappings() {
        String maps = """
                7f3b29e00000-7f3b29e2b000 r-xp 00000000 08:01 4242    /usr/lib/x86_64-linux-gnu/libc.so.6
                7f3b2a000000-7f3b30000000 r-xp 00000000 08:01 4243    /home/u/.cache/cnnga/djl/pytorch/2.7.1/libtorch_cpu.so
                """;
        assertThat(Nnpack.loadedLibrary(maps)).contains("/home/u/.cache/cnnga/djl/pytorch/2.7.1/libtorch_cpu.so");
        assertThat(Nnpack.loadedLibrary(maps.lines().findFirst().orElseThrow())).isEmpty();
    }

    /** In a JVM of its own, because stderr is the process's: before the fix, 4 lines per forward pass here. */
    @Test
    void measuringLatencyAtBatchOneWritesNothingAboutNnpack(@TempDir Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process probe = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LatencyProbe.class.getName()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        String stderr = Files.readString(err);
        assertThat(probe.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
        assertThat(Files.readString(out)).contains("latency ms");
        assertThat(stderr).doesNotContain("NNPACK");
    }

    /** Measures one small network's latency, which runs its convolutions at batch 1. */
    static final class LatencyProbe {
        public static void main(String[] args) {
            try (PyTorchBackend backend = new PyTorchBackend(new BackendOptions("cpu", 0, 0.9,
                         BatchNormStatistics.RECOMPUTED, null));
                 TrainingSession session = backend.open(TrainingSessionTest.small(), new TrainingConfig(1, 16, 1e-3, 1L, null))) {
                System.out.println("latency ms " + session.inferenceLatency().orElseThrow().millis());
            }
        }
    }
}
