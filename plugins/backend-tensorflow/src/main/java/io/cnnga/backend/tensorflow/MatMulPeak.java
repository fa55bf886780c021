package io.cnnga.backend.tensorflow;

import io.cnnga.api.Precision;
import io.cnnga.api.support.DeviceChoice;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Measures the matrix-multiply throughput TensorFlow reaches on a device, in float32 or bfloat16:
 * the yardstick {@code bench} divides a network's achieved GFLOP/s by.
 *
 * <pre>{@code
 * double peak = MatMulPeak.measure(DeviceChoice.CPU, 0, 2048, Precision.FP32);   // about 270 GFLOP/s on 2 cores here
 * double bf16 = MatMulPeak.measure(DeviceChoice.CPU, 0, 2048, Precision.BF16);   // both operands bfloat16
 * }</pre>
 *
 * <p>One n×n product of two variables per run (2n³ FLOPs; for n = 2048 the run's fixed cost is
 * well under 1%); after two warm-up runs, seven timed rounds of at least 0.3 s each; the best
 * round counts (peak, not typical, throughput; on a shared machine the best round is also the
 * least disturbed one).
 */
final class MatMulPeak {

    static final int PRODUCTS = 1;
    static final int ROUNDS = 7;

    private MatMulPeak() {
    }

    /** GFLOP/s of the best round, the operands and product in {@code precision}. */
    static double measure(DeviceChoice device, int threads, int n, Precision precision) {
        Class<? extends TNumber> type = precision == Precision.BF16 ? TBfloat16.class : TFloat32.class;
        try (Graph g = new Graph()) {
            Ops tf = DevicePlacement.on(Ops.create(g), device);
            List<Op> init = new ArrayList<>();
            List<Op> products = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                products.add(product(tf, i, n, init, type));
            }
            try (Session s = new Session(g, SessionConfig.of(device, threads))) {
                run(s, init);
                run(s, products);
                run(s, products);
                double flopsPerRun = 2.0 * n * n * n * PRODUCTS;
                double best = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    int runs = 0;
                    long elapsed;
                    do {
                        run(s, products);
                        runs++;
                        elapsed = System.nanoTime() - start;
                    } while (elapsed < 300_000_000L);
                    best = Math.max(best, flopsPerRun * runs / (elapsed / 1e9) / 1e9);
                }
                return best;
            }
        }
    }

    private static <T extends TNumber> Op product(Ops tf, int i, int n, List<Op> init, Class<T> type) {
        Variable<T> a = matrix(tf, "a" + i, n, init, 2 * i + 1, type);
        Variable<T> b = matrix(tf, "b" + i, n, init, 2 * i + 2, type);
        return tf.withName("product" + i).linalg.matMul(a, b);
    }

    private static <T extends TNumber> Variable<T> matrix(Ops tf, String name, int n, List<Op> init, long seed,
                                                          Class<T> type) {
        Variable<T> v = tf.withName(name).variable(Shape.of(n, n), type);
        init.add(tf.assign(v, tf.dtypes.cast(tf.random.randomUniform(tf.constant(new long[] {n, n}), TFloat32.class,
                org.tensorflow.op.random.RandomUniform.seed(seed)), type)));
        return v;
    }

    private static void run(Session s, List<Op> targets) {
        Session.Runner r = s.runner();
        targets.forEach(r::addTarget);
        try (Result ignored = r.run()) {
            // targets only
        }
    }
}
