package io.cnnga.backend.pytorch;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import io.cnnga.api.ModelSpec;

/**
 * Copies batches into PyTorch tensors (through {@link TorchUpload}): NHWC pixels become an NCHW
 * tensor in PyTorch's channels-last layout, labels an int64 vector.
 *
 * <pre>{@code
 * PtNDArray x = TorchBatches.images(step, spec, batch.images(), batch.size());   // [N, C, H, W], channels last
 * PtNDArray y = TorchBatches.labels(step, batch.labels());                         // [N]
 * }</pre>
 *
 * <p>The pixels keep their NHWC order in memory and the tensor is an NCHW view of them (PyTorch's
 * {@code channels_last} memory format). libtorch carries that format through convolutions, batch
 * norm and pooling, whose oneDNN kernels then skip the reorders NCHW memory needs (a third less
 * time in the forward pass of {@code ref-a}), and the NHWC flatten before the first dense layer
 * reads memory in order.
 */
final class TorchBatches {

    private TorchBatches() {
    }

    static PtNDArray images(NDManager manager, ModelSpec spec, float[] nhwc, int count) {
        int h = spec.input().dim(0);
        int w = spec.input().dim(1);
        int c = spec.input().dim(2);
        if (nhwc.length != count * h * w * c) {
            throw new IllegalArgumentException(nhwc.length + " pixels for " + count + " images of " + spec.input());
        }
        try (PtNDArray stored = TorchUpload.floats(manager, nhwc, new ai.djl.ndarray.types.Shape(count, h, w, c))) {
            return stored.transpose(0, 3, 1, 2);
        }
    }

    static PtNDArray labels(NDManager manager, int[] labels) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return TorchUpload.longs(manager, l, new ai.djl.ndarray.types.Shape(l.length));
    }
}
