package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.EventLog;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's report and TensorBoard logs take from this backend: every variable of a
 * network under its Keras layer name and kind, as it is after training; and event files written
 * by TensorFlow's summary ops.
 */
class TensorFlowParametersTest {

    @TempDir
    Path dir;

    @Test
    void parametersAreEveryVariableByLayerNameAndKind() {
        ModelSpec spec = SavedModelExportTest.network();
        ImageSet data = TestImages.quadrants(64, 12, 1, 5);
        try (TensorFlowBackend backend = Shapes.cpuBackend();
             TrainingSession session = backend.open(spec, Shapes.config(16, 3e-3))) {
            List<LayerParameter> before = session.parameters();
            assertThat(before).extracting(p -> p.tag() + ":" + p.values().length).containsExactly(
                    "conv2d/kernel:72", "conv2d/bias:8",
                    "batch_normalization/gamma:8", "batch_normalization/beta:8",
                    "batch_normalization/moving_mean:8", "batch_normalization/moving_variance:8",
                    "conv2d_1/kernel:1600", "conv2d_1/bias:8",
                    "dense/kernel:4608", "dense/bias:16",
                    "batch_normalization_1/gamma:16", "batch_normalization_1/beta:16",
                    "batch_normalization_1/moving_mean:16", "batch_normalization_1/moving_variance:16",
                    "dense_1/kernel:64", "dense_1/bias:4");
            assertThat(before.stream().mapToLong(p -> p.values().length).sum()).isEqualTo(spec.params());
            assertThat(bias(before, "conv2d")).containsOnly(0f);

            session.trainEpoch(1, data, data, TrainingListener.NONE);
            List<LayerParameter> conv = session.parameters(Set.of("conv2d", "conv2d_1"));
            assertThat(conv).extracting(LayerParameter::tag)
                    .containsExactly("conv2d/kernel", "conv2d/bias", "conv2d_1/kernel", "conv2d_1/bias");
            assertThat(bias(conv, "conv2d")).isNotEqualTo(new float[8]).isEqualTo(bias(session.parameters(), "conv2d"));
        }
    }

    @Test
    void eventLogWritesAnEventFileAndRefusesWritesOnceClosed() throws Exception {
        EventLog log;
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            log = backend.eventLog(dir.resolve("logs/train")).orElseThrow();
            try (EventLog l = log) {
                l.scalar("epoch_loss", 1, 0.5);
                l.histogram("conv2d/bias", 1, new float[] {-0.1f, 0f, 0.2f});
                l.histogram("empty", 1, new float[0]);
                l.flush();
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir.resolve("logs/train"))) {
            files = list.toList();
        }
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).startsWith("events.out.tfevents.").endsWith(".v2");
            assertThat(Files.size(f)).isGreaterThan(100);
        });
        assertThatThrownBy(() -> log.scalar("x", 2, 1)).isInstanceOf(IllegalStateException.class);
        log.close(); // twice is harmless
    }

    private static float[] bias(List<LayerParameter> parameters, String layer) {
        return parameters.stream().filter(p -> p.layer().equals(layer) && p.kind().equals(LayerParameter.BIAS))
                .findFirst().orElseThrow().values();
    }
}
