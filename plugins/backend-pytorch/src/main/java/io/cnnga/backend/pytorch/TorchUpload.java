package io.cnnga.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies Java arrays into tensors that libtorch owns, through one reused direct buffer per thread.
 *
 * <pre>{@code
 * PtNDArray w = TorchUpload.floats(manager, values, new Shape(64, 32, 3, 3));
 * }</pre>
 *
 * <p>Why not {@code manager.create(float[])}: on the CPU, DJL then backs the tensor with a fresh
 * direct {@link ByteBuffer} that only the garbage collector frees. Weights live as long as a
 * session and get promoted to the old generation, so after many trials the JVM would hold
 * hundreds of megabytes of dead weight buffers until a full collection. Here libtorch allocates
 * (and frees, when the manager closes) the tensor's memory, and the data pass through a staging
 * buffer of {@value #CHUNK_BYTES} bytes that every upload of the thread reuses.
 */
final class TorchUpload {

    static final int CHUNK_BYTES = 4 << 20;

    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.nativeOrder()));

    private TorchUpload() {
    }

    /** A float32 tensor of {@code shape} holding {@code values} (row-major), in {@code manager}. */
    static PtNDArray floats(NDManager manager, float[] values, Shape shape) {
        check(values.length, shape);
        PtNDArray target = (PtNDArray) manager.create(shape, DataType.FLOAT32);
        int chunk = CHUNK_BYTES / Float.BYTES;
        fill(manager, target, values.length, chunk, DataType.FLOAT32,
                (buffer, from, length) -> buffer.asFloatBuffer().put(values, from, length));
        return target;
    }

    /** An int64 tensor of {@code shape} holding {@code values}, in {@code manager}. */
    static PtNDArray longs(NDManager manager, long[] values, Shape shape) {
        check(values.length, shape);
        PtNDArray target = (PtNDArray) manager.create(shape, DataType.INT64);
        int chunk = CHUNK_BYTES / Long.BYTES;
        fill(manager, target, values.length, chunk, DataType.INT64,
                (buffer, from, length) -> buffer.asLongBuffer().put(values, from, length));
        return target;
    }

    @FunctionalInterface
    private interface Writer {
        void write(ByteBuffer buffer, int from, int length);
    }

    private static void fill(NDManager manager, PtNDArray target, int n, int chunk, DataType type, Writer writer) {
        if (n == 0) {
            return;
        }
        ByteBuffer staging = STAGING.get();
        try (NDArray flat = target.reshape(n)) {
            for (int from = 0; from < n; from += chunk) {
                int length = Math.min(chunk, n - from);
                try (NDArray part = wrap(manager, staging, from, length, type, writer)) {
                    flat.set(new NDIndex("{}:{}", from, from + length), part);
                }
            }
        }
    }

    /** A tensor over the staging buffer itself (no copy): valid until the buffer's next use. */
    private static NDArray wrap(NDManager manager, ByteBuffer staging, int from, int length, DataType type,
                                Writer writer) {
        staging.clear();
        writer.write(staging, from, length);
        staging.limit(length * type.getNumOfBytes());
        return manager.create(staging, new Shape(length), type);
    }

    private static void check(int n, Shape shape) {
        if (shape.size() != n) {
            throw new IllegalArgumentException(n + " values for a tensor of shape " + shape);
        }
    }
}
