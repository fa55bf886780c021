package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeds, the backend's seed option included (listener stops, evaluation, failures and closing are
 * {@link TensorFlowBackendContractTest}'s, the plugin kit's contract).
 */
class TrainingSessionTest {

    private static TensorFlowBackend backend;

    @BeforeAll
    static void open() {
        backend = Shapes.cpuBackend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static ModelSpec network() {
        return new ModelSpec(Shape.of(12, 12, 1), 4, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.25),
                new LayerSpec.Flatten(), new LayerSpec.Dense(4)));
    }


    @Test
    void sameSeedSameStartOtherSeedOtherStart() {
        ImageSet data = TestImages.quadrants(64, 12, 1, 1);
        Evaluation a;
        Evaluation b;
        Evaluation c;
        try (TrainingSession s = backend.open(network(), Shapes.config(16, 1e-3))) {
            a = s.evaluate(data);
        }
        try (TrainingSession s = backend.open(network(), Shapes.config(16, 1e-3))) {
            b = s.evaluate(data);
        }
        try (TrainingSession s = backend.open(network(), Shapes.config(16, 1e-3).withSeed(8))) {
            c = s.evaluate(data);
        }
        assertThat(b.loss()).isEqualTo(a.loss());
        assertThat(b.predictions()).containsExactly(a.predictions());
        assertThat(c.loss()).isNotEqualTo(a.loss());
        // the backend's seed option replaces the config's
        try (TensorFlowBackend seeded = new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, 8L));
             TrainingSession s = seeded.open(network(), Shapes.config(16, 1e-3))) {
            assertThat(s.evaluate(data).loss()).isEqualTo(c.loss());
        }
    }
}
