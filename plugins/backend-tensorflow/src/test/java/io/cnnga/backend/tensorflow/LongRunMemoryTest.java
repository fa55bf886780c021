package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import io.cnnga.testkit.ResidentMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long runs must not grow: 50 build–train–evaluate–close cycles of different networks in one JVM
 * leave the resident memory at the end (the least after cycles 48 to 50) within 150 MB of that once
 * warmed up (the most after cycles 3 to 5), with a collection after every cycle.
 */
class LongRunMemoryTest {

    static ModelSpec network(int i) {
        ActivationFunction f = ActivationFunction.values()[i % 4];
        int kernel = new int[] {2, 3, 5, 7}[(i / 4) % 4];
        int width = 4 + 4 * (i % 3);
        List<LayerSpec> layers = new ArrayList<>();
        for (int s = 0; s <= i % 2; s++) {
            layers.add(new LayerSpec.Conv2D(width << s, kernel, 1, Padding.SAME));
            layers.add(LayerSpec.Activation.of(f));
            layers.add(new LayerSpec.BatchNorm(1e-3));
            layers.add(new LayerSpec.MaxPool(2, 2, Padding.SAME));
            layers.add(new LayerSpec.Dropout(0.25));
        }
        layers.add(new LayerSpec.Flatten());
        layers.add(new LayerSpec.Dense(32 + i));
        layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        layers.add(new LayerSpec.Dropout(0.5));
        layers.add(new LayerSpec.Dense(4));
        return new ModelSpec(Shape.of(12, 12, 1), 4, layers);
    }

    @Test
    void fiftyCyclesDoNotGrow() {
        ImageSet data = TestImages.quadrants(256, 12, 1, 2);
        List<Long> kilobytes = new ArrayList<>();
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            for (int i = 1; i <= 50; i++) {
                try (TrainingSession session = backend.open(network(i), Shapes.config(32, 1e-3))) {
                    session.trainEpoch(1, data, data, TrainingListener.NONE);
                    session.evaluate(data);
                }
                // collected each time, the Java heap keeps its size instead of growing, which would look like a leak
                System.gc();
                kilobytes.add(ResidentMemory.kilobytes());
            }
        }
        long growth = ResidentMemory.growth(kilobytes, 2);
        System.out.printf("VmRSS grew %d MB from cycles 3-5 to cycles 48-50%n", growth / 1024);
        assertThat(growth).as("VmRSS in kB after each cycle: %s", kilobytes).isLessThan(150L * 1024);
    }
}
