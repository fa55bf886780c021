package io.cnnga.backend.tensorflow;

import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import java.util.Locale;

/**
 * Runs the benchmark from the test classpath (the engine's {@code bench} command will do this):
 * {@code java -cp ... io.cnnga.backend.tensorflow.BenchmarkMain ref-b 32 100 3}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "ref-b";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int threads = Integer.getInteger("threads", 0);
        ModelSpec spec = ReferenceNetworks.byName(arch);
        ImageSet data = FashionMnist.available() ? FashionMnist.train(batch * steps) : null;
        TensorFlowOptions options = new TensorFlowOptions("cpu", threads, 0.9, null);
        try (TensorFlowBackend backend = new TensorFlowBackend(options)) {
            double peak = Boolean.getBoolean("nopeak") ? Double.NaN : backend.peakGflops().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "peak %.1f GFLOP/s (MatMul %dx%d)%n", peak, TensorFlowBackend.CPU_PEAK_SIZE,
                    TensorFlowBackend.CPU_PEAK_SIZE);
            for (int i = 0; i < repeats; i++) {
                BackendBenchmark.Result r = BackendBenchmark.run(backend, spec, batch, steps, data);
                System.out.printf(Locale.ROOT,
                        "%s batch %d steps %d data %s: train %.1f img/s, eval %.1f img/s, forward %d FLOP/img, "
                                + "train %.1f GFLOP/s = %.1f%% of peak%n",
                        arch, batch, steps, r.data(), r.trainImagesPerSecond(), r.evalImagesPerSecond(),
                        r.forwardFlopsPerImage(), r.trainGflops(), 100 * r.fractionOf(peak));
            }
        }
    }
}
