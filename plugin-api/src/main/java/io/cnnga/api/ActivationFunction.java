package io.cnnga.api;

import java.util.Arrays;
import java.util.List;

/**
 * The element-wise non-linearities a {@link LayerSpec.Activation} may apply.
 *
 * <pre>{@code
 * ActivationFunction f = ActivationFunction.fromId("leaky_relu");   // LEAKY_RELU
 * }</pre>
 *
 * <p>{@code elu}: {@code x > 0 ? x : alpha (e^x - 1)}; {@code leaky_relu}: {@code x > 0 ? x : alpha x};
 * {@code swish}: {@code x · sigmoid(x)}. The alpha lives in {@link LayerSpec.Activation}.
 */
public enum ActivationFunction {
    RELU("relu"),
    ELU("elu"),
    LEAKY_RELU("leaky_relu"),
    SWISH("swish");

    private final String id;

    ActivationFunction(String id) {
        this.id = id;
    }

    /** The name used in plans and summaries, as Keras spells it. */
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ActivationFunction::id).toList();
    }

    /** @throws IllegalArgumentException naming the accepted ids */
    public static ActivationFunction fromId(String id) {
        for (ActivationFunction f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown activation \"" + id + "\"; known: " + String.join(", ", ids()));
    }
}
