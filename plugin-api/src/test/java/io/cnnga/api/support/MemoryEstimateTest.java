package io.cnnga.api.support;

import io.cnnga.api.Shape;
import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Padding;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    /** ref-b's shape: three stages of two 3×3 convs (32, 64, 128) on 28×28×1, then the paper's head. */
    private static ModelSpec refB() {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : new int[] {32, 64, 128}) {
            for (int c = 0; c < 2; c++) {
                layers.add(new LayerSpec.Conv2D(width, 3, 1, Padding.SAME));
                layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
            }
            layers.add(new LayerSpec.BatchNorm(1e-3));
            layers.add(new LayerSpec.MaxPool(2, 2, Padding.SAME));
            layers.add(new LayerSpec.Dropout(0.25));
        }
        layers.add(new LayerSpec.Flatten());
        layers.add(new LayerSpec.Dense(2048));
        layers.add(new LayerSpec.Dense(1024));
        layers.add(new LayerSpec.Dense(10));
        return new ModelSpec(Shape.of(28, 28, 1), 10, layers);
    }

    @Test
    void aSmallNetworkNeedsHundredsOfMegabytesAndFitsInFourGigabytes() {
        ModelSpec spec = refB();
        // weights, their gradient and two Adam moments alone: 4 × 4 bytes per parameter
        assertThat(MemoryEstimate.trainingBytes(spec, 32)).isGreaterThan(16 * spec.params())
                .isBetween(100L << 20, 1L << 30);
        assertThat(MemoryEstimate.trainingBytes(spec, 64)).isGreaterThan(MemoryEstimate.trainingBytes(spec, 32));
        assertThat(MemoryEstimate.problem(spec, 32, 256, OptionalLong.of(4L << 30))).isNull();
    }

    @Test
    void tooLittleMemoryNamesWhatIsNeededAndWhatIsAvailable() {
        assertThat(MemoryEstimate.problem(refB(), 32, 256, OptionalLong.of(100L << 20)))
                .matches("out of memory: this network needs about \\d+ MB at batch 32, and 100 MB of memory is available");
    }

    @Test
    void unknownMemoryIsNoProblem() {
        assertThat(MemoryEstimate.problem(refB(), 32, 256, OptionalLong.empty())).isNull();
    }

    @Test
    void sizesReadAsMegabytesOrGigabytes() {
        assertThat(MemoryEstimate.human(640L << 20)).isEqualTo("640 MB");
        assertThat(MemoryEstimate.human(3L << 29)).isEqualTo("1.5 GB");
    }
}
