package io.cnnga.backend.pytorch;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference networks of {@code bench} (DESIGN §8), for tests: Fashion-MNIST 28×28×1, 10
 * classes; each stage [Conv2D(w, 3, 1, SAME) → relu] × n → BatchNorm(1e-3) → MaxPool(2, 2, SAME)
 * → Dropout(0.25); head Flatten → Dense 2048 → relu → Dropout 0.5 → Dense 1024 → relu →
 * Dropout 0.5 → Dense 10.
 *
 * <pre>{@code
 * ModelSpec a = ReferenceNetworks.refA();   // widths 32, 64, one conv each
 * }</pre>
 */
final class ReferenceNetworks {

    static final Shape FASHION_MNIST = Shape.of(28, 28, 1);

    private ReferenceNetworks() {
    }

    static ModelSpec refA() {
        return paperNetwork(FASHION_MNIST, 10, new int[] {32, 64}, 1, 3, ActivationFunction.RELU, 0.25);
    }

    static ModelSpec refB() {
        return paperNetwork(FASHION_MNIST, 10, new int[] {32, 64, 128}, 2, 3, ActivationFunction.RELU, 0.25);
    }

    static ModelSpec byName(String name) {
        return switch (name) {
            case "ref-a" -> refA();
            case "ref-b" -> refB();
            default -> throw new IllegalArgumentException("unknown reference network \"" + name + "\"; known: ref-a, ref-b");
        };
    }

    /** A network of the paper's shape: one stage per width, then the fixed head. */
    static ModelSpec paperNetwork(Shape input, int classes, int[] widths, int convsPerStage, int kernel,
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
