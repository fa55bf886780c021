package io.cnnga.backend.pytorch;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.backend.tensorflow.ReferenceNetworks;
import java.util.Locale;

/**
 * Measures training and evaluation throughput from the test classpath, as the TensorFlow
 * backend's benchmark does (the engine's {@code bench} command will do this for every backend):
 * a warm-up epoch of 5 steps, then one timed epoch of {@code steps} steps (validation excluded),
 * then a warm-up and a timed evaluation over the same images. Training GFLOP/s counts 3 × forward
 * FLOPs per image.
 *
 * <pre>{@code
 * java -cp ... -Dthreads=0 io.cnnga.backend.pytorch.BenchmarkMain ref-b 32 100 3
 * }</pre>
 */
public final class BenchmarkMain {

    static final int WARMUP_STEPS = 5;

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "ref-b";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int threads = Integer.getInteger("threads", 0);
        ModelSpec spec = ReferenceNetworks.byName(arch);
        ImageSet images = FashionMnist.available() ? FashionMnist.train(batch * steps)
                : SyntheticImages.stripes(28, 28, 1, batch * steps, 1L);
        ImageSet warmup = images.head(batch * WARMUP_STEPS);
        try (PyTorchBackend backend = new PyTorchBackend(new BackendOptions("cpu", threads, 0.9, BatchNormStatistics.RECOMPUTED, null))) {
            double peak = Boolean.getBoolean("nopeak") ? Double.NaN : backend.peakGflops().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%s; peak %.1f GFLOP/s (MatMul %dx%d)%n", backend, peak,
                    PyTorchBackend.CPU_PEAK_SIZE, PyTorchBackend.CPU_PEAK_SIZE);
            for (int i = 0; i < repeats; i++) {
                try (TrainingSession s = backend.open(spec, new TrainingConfig(1, batch, 1e-3, 42L, null))) {
                    s.trainEpoch(1, warmup, null, TrainingListener.NONE);
                    EpochMetrics timed = s.trainEpoch(2, images, null, TrainingListener.NONE);
                    s.evaluate(warmup);
                    long start = System.nanoTime();
                    s.evaluate(images);
                    double evalPerSecond = images.size() / ((System.nanoTime() - start) / 1e9);
                    double gflops = 3.0 * spec.forwardFlops() * timed.imagesPerSecond() / 1e9;
                    System.out.printf(Locale.ROOT, "%s batch %d steps %d: train %.1f img/s, eval %.1f img/s, "
                                    + "forward %d FLOP/img, train %.1f GFLOP/s = %.1f%% of peak%n",
                            arch, batch, steps, timed.imagesPerSecond(), evalPerSecond, spec.forwardFlops(), gflops,
                            100 * gflops / peak);
                }
            }
        }
    }
}
