package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs single layers of a {@link TorchNetwork} for tests: the layer, then Flatten and a Dense
 * layer whose weights are the identity, so the logits are the layer's output in NHWC order.
 *
 * <pre>{@code
 * float[] y = TorchTestSupport.layerOutput(new LayerSpec.MaxPool(2, 2, Padding.SAME), Shape.of(3, 3, 1), x, null, false);
 * }</pre>
 */
final class TorchTestSupport {

    private TorchTestSupport() {
    }

    static Engine engine() {
        return PyTorchRuntime.engine(0);
    }

    /** Gives the network's other tensors their values before the forward pass. */
    @FunctionalInterface
    interface Weights {
        void set(TorchNetwork network);
    }

    /** The spec {@code layer → Flatten → Dense(identity)} for one input shape. */
    static ModelSpec probe(LayerSpec layer, Shape input) {
        Shape out = layer.outputShape(input);
        int size = (int) out.size();
        List<LayerSpec> layers = new ArrayList<>(List.of(layer, new LayerSpec.Flatten(), new LayerSpec.Dense(size)));
        return new ModelSpec(input, size, layers);
    }

    /** One image through {@code layer}; the output as NHWC floats. */
    static float[] layerOutput(LayerSpec layer, Shape input, float[] nhwc, Weights weights, boolean training) {
        ModelSpec spec = probe(layer, input);
        int size = spec.classes();
        try (NDManager manager = engine().newBaseManager(Device.cpu())) {
            TorchNetwork net = TorchNetwork.build(spec, manager, 1L, 0.9);
            float[] identity = new float[size * size];
            for (int i = 0; i < size; i++) {
                identity[i * size + i] = 1;
            }
            String dense = spec.summary().get(2).name();
            net.assign(dense + ".weight", identity);
            if (weights != null) {
                weights.set(net);
            }
            boolean grad = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                PtNDArray x = TorchBatches.images(manager, spec, nhwc, nhwc.length / (int) input.size());
                return net.forward(x, training).toFloatArray();
            } finally {
                JniUtils.setGradMode(grad);
            }
        }
    }
}
