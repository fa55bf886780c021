package io.cnnga.api;

/**
 * The current values of one variable of a network being trained: a layer's kernel, bias, ...
 *
 * <pre>{@code
 * for (LayerParameter p : session.parameters()) {
 *     if (p.layer().startsWith("conv2d") && p.kind().equals(LayerParameter.BIAS)) {
 *         eventLog.histogram(p.layer() + "/" + p.kind(), epoch, p.values());
 *     }
 * }
 * }</pre>
 *
 * @param layer  the layer's name as {@link ModelSpec#summary()} gives it ({@code conv2d},
 *               {@code conv2d_1}, {@code dense}, {@code batch_normalization}, ...)
 * @param kind   which of the layer's variables: {@link #KERNEL}, {@link #BIAS}, {@link #GAMMA},
 *               {@link #BETA}, {@link #MOVING_MEAN} or {@link #MOVING_VARIANCE}
 * @param values its values, flattened in the backend's own order
 */
public record LayerParameter(String layer, String kind, float[] values) {

    public static final String KERNEL = "kernel";
    public static final String BIAS = "bias";
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    public static final String MOVING_MEAN = "moving_mean";
    public static final String MOVING_VARIANCE = "moving_variance";

    public LayerParameter {
        if (layer == null || layer.isEmpty() || kind == null || kind.isEmpty() || values == null) {
            throw new IllegalArgumentException("a layer parameter needs a layer name, a kind and values");
        }
    }

    /** The layer's name and the kind, e.g. {@code conv2d_1/bias}: the tag TensorBoard shows. */
    public String tag() {
        return layer + "/" + kind;
    }
}
