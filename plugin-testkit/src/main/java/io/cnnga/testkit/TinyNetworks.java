package io.cnnga.testkit;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.support.ReferenceNetworks;
import java.util.ArrayList;
import java.util.List;

/**
 * Networks small enough that a backend's test trains them in well under a second, each made
 * for one kind of check.
 *
 * <pre>{@code
 * ModelSpec net = TinyNetworks.convNet(Shape.of(12, 12, 1), 4);      // every layer kind, about 1,200 parameters
 * ModelSpec paper = TinyNetworks.paperShaped(Shape.of(8, 8, 1), 2);  // the paper's stages and head, narrow
 * ModelSpec unstable = TinyNetworks.deepDense(Shape.of(12, 12, 1), 4);
 * }</pre>
 */
public final class TinyNetworks {

    private TinyNetworks() {
    }

    /**
     * {@code Conv2D(8, 3×3, SAME) → relu → BatchNorm → MaxPool 2×2 → Dropout 0.25 → Flatten →
     * Dense(classes)}: one of each layer kind a search's networks are made of.
     */
    public static ModelSpec convNet(Shape input, int classes) {
        return new ModelSpec(input, classes, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.25),
                new LayerSpec.Flatten(), new LayerSpec.Dense(classes)));
    }

    /**
     * The paper's shape, narrow: stages of 8 and 16 filters (3×3, relu, one conv each, dropout
     * 0.25) and the paper's head (Dense 2048, Dense 1024).
     */
    public static ModelSpec paperShaped(Shape input, int classes) {
        return ReferenceNetworks.paperNetwork(input, classes, new int[] {8, 16}, 1, 3, ActivationFunction.RELU, 0.25);
    }

    /**
     * Five hidden dense layers of 64 with relu and no batch norm: activations multiply layer by
     * layer, so a learning rate of 1e6 overflows float32 within a few steps (a NaN or infinite loss).
     */
    public static ModelSpec deepDense(Shape input, int classes) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec.Flatten());
        for (int i = 0; i < 5; i++) {
            layers.add(new LayerSpec.Dense(64));
            layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        }
        layers.add(new LayerSpec.Dense(classes));
        return new ModelSpec(input, classes, layers);
    }
}
