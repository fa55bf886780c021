package io.cnnga.api.support;

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
 * The fixed networks the engine's {@code bench} measures, so that a backend's own tests and
 * benchmarks train exactly those: Fashion-MNIST 28×28×1, 10 classes, the paper's stage
 * ({@code [Conv2D(w, 3×3, SAME) → relu] × n → BatchNorm(1e-3) → MaxPool 2×2 SAME → Dropout 0.25})
 * and head ({@code Flatten → Dense 2048 relu → Dropout 0.5 → Dense 1024 relu → Dropout 0.5 → Dense 10}).
 *
 * <pre>{@code
 * ModelSpec a = ReferenceNetworks.refA();                          // widths 32, 64; one conv each
 * ModelSpec b = ReferenceNetworks.named("ref-b").orElseThrow();    // widths 32, 64, 128; two convs each
 * }</pre>
 */
public final class ReferenceNetworks {

    /** The shape and classes of Fashion-MNIST, which the reference networks take. */
    public static final DataInfo FASHION_MNIST = DataInfo.of("fashion-mnist", 28, 28, 1, 10);

    private ReferenceNetworks() {
    }

    /** The names {@link #named} knows: {@code ref-a}, {@code ref-b}. */
    public static List<String> names() {
        return List.of("ref-a", "ref-b");
    }

    /** {@code ref-a} or {@code ref-b}; empty for any other name. */
    public static Optional<ModelSpec> named(String name) {
        return switch (name) {
            case "ref-a" -> Optional.of(refA());
            case "ref-b" -> Optional.of(refB());
            default -> Optional.empty();
        };
    }

    /** Two stages of widths 32 and 64, one convolution each. */
    public static ModelSpec refA() {
        return paperNetwork(Shape.of(28, 28, 1), FASHION_MNIST.classes(), new int[] {32, 64}, 1, 3,
                ActivationFunction.RELU, 0.25);
    }

    /** Three stages of widths 32, 64 and 128, two convolutions each. */
    public static ModelSpec refB() {
        return paperNetwork(Shape.of(28, 28, 1), FASHION_MNIST.classes(), new int[] {32, 64, 128}, 2, 3,
                ActivationFunction.RELU, 0.25);
    }

    /** A network of the paper's shape: one stage per width, then the paper's head. */
    public static ModelSpec paperNetwork(Shape input, int classes, int[] widths, int convsPerStage, int kernel,
                                         ActivationFunction activation, double dropout) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : widths) {
            for (int c = 0; c < convsPerStage; c++) {
                layers.add(new LayerSpec.Conv2D(width, kernel, 1, Padding.SAME));
                layers.add(LayerSpec.Activation.of(activation));
            }
            layers.add(new LayerSpec.BatchNorm(1e-3));
            layers.add(new LayerSpec.MaxPool(2, 2, Padding.SAME));
            layers.add(new LayerSpec.Dropout(dropout));
        }
        layers.add(new LayerSpec.Flatten());
        layers.add(new LayerSpec.Dense(2048));
        layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        layers.add(new LayerSpec.Dropout(0.5));
        layers.add(new LayerSpec.Dense(1024));
        layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        layers.add(new LayerSpec.Dropout(0.5));
        layers.add(new LayerSpec.Dense(classes));
        return new ModelSpec(input, classes, layers);
    }
}
