package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A network too large for the machine or a device that is not there fails the training, not the
 * run (a diverging training is {@link TensorFlowBackendContractTest}'s, the plugin kit's contract).
 */
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


}
