package io.cnnga.backend.pytorch;

import ai.djl.pytorch.engine.PtNDArray;
import io.cnnga.api.LayerParameter;

/**
 * One tensor of a network, in PyTorch's layout, with the layer and kind the engine knows it by
 * and the name a PyTorch {@code state_dict} would give it.
 *
 * <pre>{@code
 * TorchParameter p = network.parameters().get(0);
 * p.layer();       // "conv2d"
 * p.kind();        // LayerParameter.KERNEL
 * p.name();        // "conv2d.weight", shape [out, in, k, k]
 * p.trainable();   // true; batch norm's running statistics are not
 * }</pre>
 *
 * @param layer     Keras' layer name, as {@code ModelSpec.summary()} gives it
 * @param kind      one of {@link LayerParameter}'s kinds ({@code kernel}, {@code bias}, {@code gamma}, ...)
 * @param value     the tensor; owned by the network's manager
 * @param trainable whether Adam updates it (false for running statistics)
 */
record TorchParameter(String layer, String kind, PtNDArray value, boolean trainable) {

    /** PyTorch's name: the layer, a dot, and {@code weight}, {@code bias}, {@code running_mean} or {@code running_var}. */
    String name() {
        String suffix = switch (kind) {
            case LayerParameter.KERNEL, LayerParameter.GAMMA -> "weight";
            case LayerParameter.BIAS, LayerParameter.BETA -> "bias";
            case LayerParameter.MOVING_MEAN -> "running_mean";
            case LayerParameter.MOVING_VARIANCE -> "running_var";
            default -> throw new IllegalStateException("unknown kind " + kind);
        };
        return layer + "." + suffix;
    }

    /** Elements in the tensor. */
    long size() {
        return value.getShape().size();
    }
}
