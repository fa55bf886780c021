package io.cnnga.engine.bench;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.DataInfo;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed networks {@code bench} measures: Fashion-MNIST 28×28×1, 10 classes,
 * the paper's stage and head, relu, kernel 3, dropout 0.25.
 *
 * <pre>{@code
 * ModelSpec a = ReferenceNetworks.named("ref-a").orElseThrow();   // widths 32, 64; one conv each
 * }</pre>
 */
public final class ReferenceNetworks {

    public static final DataInfo FASHION_SHAPE = DataInfo.of("fashion-mnist", 28, 28, 1, 10);

    private ReferenceNetworks() {
    }

    public static List<String> names() {
        return List.of("ref-a", "ref-b");
    }

    public static Optional<ModelSpec> named(String name) {
        return switch (name) {
            case "ref-a" -> Optional.of(build(new int[] {32, 64}, 1));
            case "ref-b" -> Optional.of(build(new int[] {32, 64, 128}, 2));
            default -> Optional.empty();
        };
    }

    private static ModelSpec build(int[] widths, int convsPerStage) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : widths) {
            for (int c = 0; c < convsPerStage; c++) {
                layers.add(new LayerSpec.Conv2D(width, 3, 1, Padding.SAME));
                layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
            }
            layers.add(new LayerSpec.BatchNorm(1e-3));
            layers.add(new LayerSpec.MaxPool(2, 2, Padding.SAME));
            layers.add(new LayerSpec.Dropout(0.25));
        }
        layers.add(new LayerSpec.Flatten());
        layers.add(new LayerSpec.Dense(2048));
        layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        layers.add(new LayerSpec.Dropout(0.5));
        layers.add(new LayerSpec.Dense(1024));
        layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        layers.add(new LayerSpec.Dropout(0.5));
        layers.add(new LayerSpec.Dense(FASHION_SHAPE.classes()));
        return new ModelSpec(Shape.of(28, 28, 1), FASHION_SHAPE.classes(), layers);
    }
}
