package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A failing training becomes a TrainingFailedException with its reason; the backend goes on. */
class FailureTest {

    private static TensorFlowBackend backend;

    @BeforeAll
    static void open() {
        backend = Shapes.cpuBackend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static ModelSpec small() {
        return new ModelSpec(Shape.of(12, 12, 1), 4, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.Flatten(), new LayerSpec.Dense(32), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.Dense(4)));
    }

    /** Deep enough that weights grown by a huge step overflow float32. */
    private static ModelSpec deep() {
        List<LayerSpec> layers = new java.util.ArrayList<>(List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.Flatten()));
        for (int i = 0; i < 5; i++) {
            layers.add(new LayerSpec.Dense(32));
            layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        }
        layers.add(new LayerSpec.Dense(4));
        return new ModelSpec(Shape.of(12, 12, 1), 4, layers);
    }

    @Test
    void hugeLearningRateStopsWithNaN() {
        ImageSet data = Shapes.quadrants(256, 12, 1, 1);
        try (TrainingSession session = backend.open(deep(), Shapes.config(16, 1e6))) {
            assertThatThrownBy(() -> {
                for (int epoch = 1; epoch <= 5; epoch++) {
                    session.trainEpoch(epoch, data, data, TrainingListener.NONE);
                }
            }).isInstanceOf(TrainingFailedException.class)
                    .hasMessageMatching("loss became (NaN|infinite) at epoch \\d+, step \\d+")
                    .satisfies(e -> System.out.println("lr 1e6: " + e.getMessage()));
        }
        // the backend still trains afterwards
        try (TrainingSession session = backend.open(small(), Shapes.config(16, 1e-3))) {
            assertThat(session.trainEpoch(1, data, data, TrainingListener.NONE).loss()).isFinite();
        }
    }

    @Test
    void outOfMemoryBecomesTrainingFailed() {
        // 8 images of 1024x1024 through 4096 filters: a 137 GB activation. TensorFlow's oneDNN
        // kernels crash on an allocation failure, so the backend must refuse it before it runs.
        ModelSpec huge = new ModelSpec(Shape.of(1024, 1024, 1), 2, List.of(
                new LayerSpec.Conv2D(4096, 1, 1, Padding.SAME),
                new LayerSpec.MaxPool(1024, 1024, Padding.VALID),
                new LayerSpec.Flatten(), new LayerSpec.Dense(2)));
        assertThatThrownBy(() -> backend.open(huge, new TrainingConfig(1, 8, 1e-3, 1L, null)))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageStartingWith("out of memory: this network needs about ")
                .hasMessageContaining("at batch 8");
    }

    @Test
    void unavailableGpuFailsTheTrainingNotTheRun() {
        assertThatThrownBy(() -> backend.open(small(), Shapes.config(16, 1e-3).withDevice("gpu:7")))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageStartingWith("device gpu:7 is not available: ");
    }

    @Test
    void dataOfAnotherShapeIsRejected() {
        try (TrainingSession session = backend.open(small(), Shapes.config(16, 1e-3))) {
            ImageSet wrong = Shapes.quadrants(16, 10, 1, 1);
            assertThatThrownBy(() -> session.trainEpoch(1, wrong, wrong, TrainingListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("do not fit the network's input");
        }
    }

    @Test
    void closedSessionRefusesWork() {
        TrainingSession session = backend.open(small(), Shapes.config(16, 1e-3));
        session.close();
        session.close();
        ImageSet data = Shapes.quadrants(16, 12, 1, 1);
        assertThatThrownBy(() -> session.evaluate(data)).isInstanceOf(IllegalStateException.class);
    }
}
