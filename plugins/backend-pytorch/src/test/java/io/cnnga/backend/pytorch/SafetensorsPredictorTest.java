package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Batch;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Predictor;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.ReferenceNetworks;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Backend.load}: the network built from its spec with the tensors of an export gives the
 * probabilities of the session that exported it; tensors of another network, or no file, are
 * refused naming the file.
 */
class SafetensorsPredictorTest {

    private static final ImageSet STRIPES = TestImages.stripes(8, 8, 1, 96, 3L);
    private static PyTorchBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        backend = new PyTorchBackend(BackendOptions.defaults());
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static ModelSpec network(int firstWidth) {
        return ReferenceNetworks.paperNetwork(Shape.of(8, 8, 1), 2, new int[] {firstWidth, 16}, 1, 3,
                ActivationFunction.RELU, 0.25);
    }

    @Test
    void aLoadedExportGivesTheSessionsProbabilities() {
        ModelSpec spec = network(8);
        Batch all = STRIPES.batch(range(STRIPES.size()));
        float[] expected;
        try (TrainingLoop<PyTorchTrainingSteps> s = backend.session(spec, new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            s.trainEpoch(1, STRIPES, STRIPES, TrainingListener.NONE);
            expected = s.steps().probabilities(all.images(), all.size());
            s.export(dir);
        }
        assertThat(backend.framework().name()).isEqualTo("PyTorch");
        assertThat(backend.framework().version()).isEqualTo("2.7.1");
        assertThat(backend.exportFormat()).isEqualTo("safetensors");
        try (Predictor predictor = backend.load(dir, spec)) {
            float[] actual = predictor.probabilities(all.images(), all.size());
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }

    @Test
    void tensorsOfAnotherNetworkOrNoFileAreRefusedNamingTheFile() throws Exception {
        try (var s = backend.open(network(8), new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            s.export(dir);
        }
        Path file = dir.resolve(PyTorchTrainingSteps.WEIGHTS_FILE);
        assertThatThrownBy(() -> backend.load(dir, network(12))).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": tensor \"conv2d.weight\" is [8, 1, 3, 3], the network needs [12, 1, 3, 3]");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> backend.load(dir, network(8))).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": is not a readable safetensors file");
        Files.delete(file);
        assertThatThrownBy(() -> backend.load(dir, network(8))).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": is missing");
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
