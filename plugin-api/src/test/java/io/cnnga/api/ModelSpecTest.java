package io.cnnga.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.LayerSpec.Activation;
import io.cnnga.api.LayerSpec.BatchNorm;
import io.cnnga.api.LayerSpec.Conv2D;
import io.cnnga.api.LayerSpec.Dense;
import io.cnnga.api.LayerSpec.Dropout;
import io.cnnga.api.LayerSpec.Flatten;
import io.cnnga.api.LayerSpec.MaxPool;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    /**
     * 8×8×1 → conv 4 (3×3 SAME) → relu → BN → pool → conv 8 (3×3 VALID) → dropout → flatten →
     * dense 16 → relu → dense 3.
     */
    private static ModelSpec small() {
        return new ModelSpec(Shape.of(8, 8, 1), 3, List.of(
                new Conv2D(4, 3, 1, Padding.SAME),
                Activation.of(ActivationFunction.RELU),
                new BatchNorm(1e-3),
                new MaxPool(2, 2, Padding.SAME),
                new Conv2D(8, 3, 1, Padding.VALID),
                new Dropout(0.25),
                new Flatten(),
                new Dense(16),
                Activation.of(ActivationFunction.RELU),
                new Dense(3)));
    }

    @Test
    void eachLayerOutputsTheShapeItsTypeAndSettingsImply() {
        assertThat(small().summary()).extracting(LayerSummary::output).containsExactly(
                Shape.of(8, 8, 4),   // SAME keeps 8×8
                Shape.of(8, 8, 4),
                Shape.of(8, 8, 4),
                Shape.of(4, 4, 4),   // 2×2 pool, stride 2
                Shape.of(2, 2, 8),   // VALID 3×3: 4 - 3 + 1
                Shape.of(2, 2, 8),
                Shape.of(32),        // 2 * 2 * 8
                Shape.of(16),
                Shape.of(16),
                Shape.of(3));
    }

    @Test
    void sameMaxPoolRoundsOddSizesUpAndValidRoundsDown() {
        assertThat(new MaxPool(2, 2, Padding.SAME).outputShape(Shape.of(7, 5, 3))).isEqualTo(Shape.of(4, 3, 3));
        assertThat(new MaxPool(2, 2, Padding.VALID).outputShape(Shape.of(7, 5, 3))).isEqualTo(Shape.of(3, 2, 3));
        assertThat(new Conv2D(6, 3, 2, Padding.SAME).outputShape(Shape.of(7, 7, 1))).isEqualTo(Shape.of(4, 4, 6));
    }

    @Test
    void countsParametersAsKerasDoes() {
        ModelSpec spec = small();
        // conv: 3*3*1*4 + 4 = 40; BN: 4*4 = 16 (8 of them moving statistics); conv: 3*3*4*8 + 8 = 296;
        // dense: 32*16 + 16 = 528; dense: 16*3 + 3 = 51
        assertThat(spec.summary()).extracting(LayerSummary::params)
                .containsExactly(40L, 0L, 16L, 0L, 296L, 0L, 0L, 528L, 0L, 51L);
        assertThat(spec.params()).isEqualTo(40 + 16 + 296 + 528 + 51);
        assertThat(spec.nonTrainableParams()).isEqualTo(8);
        assertThat(spec.trainableParams()).isEqualTo(931 - 8);
    }

    @Test
    void countsForwardFlopsWithAMultiplyAddAsTwo() {
        ModelSpec spec = small();
        // conv: 2 * (8*8 outputs) * (3*3*1 inputs) * 4 filters = 4,608; BN: 2 * 8*8*4 = 512;
        // conv: 2 * (2*2) * (3*3*4) * 8 = 2,304; dense: 2*32*16 = 1,024; dense: 2*16*3 = 96
        assertThat(spec.summary()).extracting(LayerSummary::forwardFlops)
                .containsExactly(4608L, 0L, 512L, 0L, 2304L, 0L, 0L, 1024L, 0L, 96L);
        assertThat(spec.forwardFlops()).isEqualTo(4608 + 512 + 2304 + 1024 + 96);
    }

    @Test
    void theJavadocExampleHasTheParametersItsJavadocStates() {
        ModelSpec spec = new ModelSpec(Shape.of(28, 28, 1), 10, List.of(
                new Conv2D(32, 3, 1, Padding.SAME),
                Activation.of(ActivationFunction.RELU),
                new MaxPool(2, 2, Padding.SAME),
                new Flatten(),
                new Dense(10)));

        // 3*3*1*32 + 32 = 320; 14*14*32 = 6,272 features → 6,272*10 + 10 = 62,730
        assertThat(spec.params()).isEqualTo(63_050);
    }

    @Test
    void namesLayersKerasStyleNumberingRepeatsOfAPrefix() {
        assertThat(small().summary()).extracting(LayerSummary::name).containsExactly(
                "conv2d", "activation", "batch_normalization", "max_pooling2d", "conv2d_1",
                "dropout", "flatten", "dense", "activation_1", "dense_1");
    }

    @Test
    void describeLooksLikeKerasSummary() {
        String table = small().describe();

        assertThat(table)
                .contains("Input: (None, 8, 8, 1), 3 classes")
                .contains("Layer (type)", "Output Shape", "Param #", "FLOPs")
                .contains("conv2d (Conv2D)", "conv2d_1 (Conv2D)", "activation_1 (Activation)",
                        "batch_normalization (BatchNormalization)", "max_pooling2d (MaxPooling2D)",
                        "dropout (Dropout)", "flatten (Flatten)", "dense (Dense)", "dense_1 (Dense)")
                .contains("(None, 2, 2, 8)")
                .contains("Total params: 931")
                .contains("Trainable params: 923")
                .contains("Non-trainable params: 8")
                .contains("Forward FLOPs per image: 8,544");
    }

    @Test
    void equalLayersMakeEqualSpecs() {
        assertThat(small()).isEqualTo(small()).hasSameHashCodeAs(small());
        assertThat(small().layersOf(Conv2D.class)).extracting(Conv2D::filters).containsExactly(4, 8);
    }

    @Test
    void theLayerListCannotBeChangedAfterwards() {
        assertThatThrownBy(() -> small().layers().add(new Flatten()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsDenseOnAFeatureMap() {
        assertThatThrownBy(() -> new ModelSpec(Shape.of(8, 8, 1), 10, List.of(new Dense(10))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 0 (Dense)")
                .hasMessageContaining("add Flatten");
    }

    @Test
    void rejectsALastLayerThatIsNotOneLogitPerClass() {
        assertThatThrownBy(() -> new ModelSpec(Shape.of(8, 8, 1), 10, List.of(new Flatten(), new Dense(9))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must output (10) logits");
        assertThatThrownBy(() -> new ModelSpec(Shape.of(8, 8, 1), 10, List.of(new Conv2D(10, 1, 1, Padding.SAME))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must output (10) logits");
    }

    @Test
    void rejectsConvolutionsAfterFlattenAndWindowsLargerThanAValidInput() {
        assertThatThrownBy(() -> new ModelSpec(Shape.of(8, 8, 1), 2,
                List.of(new Flatten(), new Conv2D(2, 3, 1, Padding.SAME))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1 (Conv2D)")
                .hasMessageContaining("needs a (H, W, C) input");
        assertThatThrownBy(() -> new ModelSpec(Shape.of(2, 2, 1), 2,
                List.of(new Conv2D(2, 3, 1, Padding.VALID), new Flatten(), new Dense(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than VALID input");
    }

    @Test
    void rejectsMissingPartsAndFewerThanTwoClasses() {
        List<LayerSpec> head = List.of(new Flatten(), new Dense(2));
        assertThatThrownBy(() -> new ModelSpec(Shape.of(4), 2, head)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelSpec(Shape.of(4, 4, 1), 1, List.of(new Flatten(), new Dense(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> new ModelSpec(Shape.of(4, 4, 1), 2, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one layer");
    }

    @Test
    void layersRejectImpossibleSettings() {
        assertThatThrownBy(() -> new Conv2D(0, 3, 1, Padding.SAME)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dropout(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchNorm(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dense(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInputOfADatasetIsItsHeightWidthAndChannels() {
        assertThat(ModelSpec.inputOf(DataInfo.of("mnist", 28, 27, 1, 10))).isEqualTo(Shape.of(28, 27, 1));
        assertThat(Shape.of(32, 32, 3)).hasToString("(None, 32, 32, 3)");
    }
}
