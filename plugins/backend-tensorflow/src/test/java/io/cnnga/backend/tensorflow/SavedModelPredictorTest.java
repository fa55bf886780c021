package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.Batch;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Predictor;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Backend.load}: an exported SavedModel loads back through {@code serving_default} and
 * gives the session's probabilities; one that does not match the network it is said to be, or a
 * folder without one, is refused naming it.
 */
class SavedModelPredictorTest {

    @TempDir
    Path dir;

    @Test
    void aLoadedExportGivesTheSessionsProbabilities() {
        ImageSet data = TestImages.quadrants(128, 12, 1, 5);
        ImageSet probe = TestImages.quadrants(30, 12, 1, 6);
        Path model = dir.resolve("model");
        Batch all = probe.batch(range(probe.size()));
        float[] expected;
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            try (TrainingLoop<TensorFlowTrainingSteps> session = backend.session(SavedModelExportTest.network(),
                    Shapes.config(16, 3e-3))) {
                session.trainEpoch(1, data, probe, TrainingListener.NONE);
                expected = session.steps().probabilities(all.images(), all.size());
                session.export(model);
            }
            assertThat(backend.framework().name()).isEqualTo("TensorFlow");
            assertThat(backend.framework().version()).startsWith("2.");
            assertThat(backend.exportFormat()).isEqualTo("savedmodel");
            try (Predictor predictor = backend.load(model, SavedModelExportTest.network())) {
                float[] actual = predictor.probabilities(all.images(), all.size());
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < actual.length; i++) {
                    assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
                }
                float[] first = predictor.probabilities(java.util.Arrays.copyOf(all.images(), 144), 1);
                assertThat(first[0]).isCloseTo(expected[0], within(1e-6f));
                assertThatThrownBy(() -> predictor.probabilities(new float[10], 1)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void anExportOfAnotherNetworkOrNoneIsRefusedNamingTheFolder() throws Exception {
        Path model = dir.resolve("model");
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            try (var session = backend.open(SavedModelExportTest.network(), Shapes.config(16, 1e-3))) {
                session.export(model);
            }
            List<LayerSpec> fiveClasses = new ArrayList<>(SavedModelExportTest.network().layers());
            fiveClasses.set(fiveClasses.size() - 1, new LayerSpec.Dense(5));
            ModelSpec other = new ModelSpec(SavedModelExportTest.network().input(), 5, fiveClasses);
            assertThatThrownBy(() -> backend.load(model, other)).isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith(model.toString()).hasMessageContaining("its signature takes");
            Path empty = Files.createDirectories(dir.resolve("empty"));
            assertThatThrownBy(() -> backend.load(empty, SavedModelExportTest.network()))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith(empty.resolve("saved_model.pb") + ": is missing");
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
