package io.cnnga.backend.tensorflow;

import io.cnnga.api.Batch;
import io.cnnga.api.ModelSpec;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies between Java arrays and tensors; every tensor returned must be closed by the caller. */
final class Tensors {

    private Tensors() {
    }

    /** A batch's pixels as a [N, H, W, C] tensor. */
    static TFloat32 images(ModelSpec spec, Batch batch) {
        return images(spec, batch.images(), batch.size());
    }

    static TFloat32 images(ModelSpec spec, float[] pixels, int count) {
        Shape shape = Shape.of(count, spec.input().dim(0), spec.input().dim(1), spec.input().dim(2));
        if (shape.size() != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make " + count + " images of "
                    + spec.input() + "; the data's shape differs from the network's input");
        }
        return TFloat32.tensorOf(shape, DataBuffers.of(pixels, true, false));
    }

    static TInt32 labels(int[] labels) {
        return TInt32.tensorOf(Shape.of(labels.length), DataBuffers.of(labels, true, false));
    }

    static TFloat32 floats(float[] values, long[] shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    static float[] floats(Tensor tensor) {
        TFloat32 t = (TFloat32) tensor;
        float[] out = new float[Math.toIntExact(t.size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    static int[] ints(Tensor tensor) {
        TInt32 t = (TInt32) tensor;
        int[] out = new int[Math.toIntExact(t.size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    static float scalarFloat(Tensor tensor) {
        return ((TFloat32) tensor).getFloat();
    }

    static int scalarInt(Tensor tensor) {
        return ((TInt32) tensor).getInt();
    }
}
