package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.SplittableRandom;

/**
 * Measures the float32 matrix-multiply throughput libtorch reaches on a device: the yardstick
 * {@code bench} divides a network's achieved GFLOP/s by.
 *
 * <pre>{@code
 * double peak = MatMulPeak.measure(engine, Device.cpu(), 2048);   // GFLOP/s
 * }</pre>
 *
 * <p>Measured as the TensorFlow backend measures it: {@value #PRODUCTS} n×n products (2n³ FLOPs
 * each) per run; after two warm-up runs, five timed rounds of at least 0.3 s each; the best round
 * counts (peak, not typical, throughput). Reading one element of the last product ends each run,
 * which waits for a GPU's queue.
 */
final class MatMulPeak {

    static final int PRODUCTS = 4;

    private MatMulPeak() {
    }

    /** GFLOP/s of the best round. */
    static double measure(Engine engine, Device device, int n) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager manager = engine.newBaseManager(device)) {
            NDArray a = matrix(manager, n, 1);
            NDArray b = matrix(manager, n, 2);
            run(a, b);
            run(a, b);
            double flopsPerRun = 2.0 * n * n * n * PRODUCTS;
            double best = 0;
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                int runs = 0;
                long elapsed;
                do {
                    run(a, b);
                    runs++;
                    elapsed = System.nanoTime() - start;
                } while (elapsed < 300_000_000L);
                best = Math.max(best, flopsPerRun * runs / (elapsed / 1e9) / 1e9);
            }
            return best;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static NDArray matrix(NDManager manager, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        return TorchUpload.floats(manager, values, new ai.djl.ndarray.types.Shape(n, n));
    }

    private static void run(NDArray a, NDArray b) {
        for (int i = 0; i < PRODUCTS; i++) {
            try (NDArray product = a.matMul(b)) {
                if (i == PRODUCTS - 1) {
                    product.getFloat(0, 0);
                }
            }
        }
    }
}
