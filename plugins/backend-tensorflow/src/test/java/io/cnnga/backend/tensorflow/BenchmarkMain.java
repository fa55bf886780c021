package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the MatMul peak, then ref-a and ref-b {@code repeats} times each, then the peak again,
 * from the test class path (the engine's {@code bench} command does the same for users):
 * {@code java -cp ... io.cnnga.backend.tensorflow.BenchmarkMain 32 100 3}. Prints the median of
 * the runs' fraction of the first peak.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ImageSet data = FashionMnist.available() ? FashionMnist.train(batch * steps) : null;
        try (TensorFlowBackend backend = new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null))) {
            double peak = backend.peakGflops().orElseThrow();
            System.out.printf(Locale.ROOT, "peak %.1f GFLOP/s (float32 MatMul %dx%d)%n", peak,
                    TensorFlowBackend.CPU_PEAK_SIZE, TensorFlowBackend.CPU_PEAK_SIZE);
            for (String arch : List.of("ref-a", "ref-b")) {
                ModelSpec spec = ReferenceNetworks.byName(arch);
                List<Double> fractions = new ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    BackendBenchmark.Result r = BackendBenchmark.run(backend, spec, batch, steps, data);
                    fractions.add(r.fractionOf(peak));
                    System.out.printf(Locale.ROOT,
                            "%s batch %d, %d steps, %s: train %.1f img/s, eval %.1f img/s, forward %,d FLOP/img, "
                                    + "train %.1f GFLOP/s = %.1f%% of peak%n",
                            arch, batch, steps, r.data(), r.trainImagesPerSecond(), r.evalImagesPerSecond(),
                            r.forwardFlopsPerImage(), r.trainGflops(), 100 * r.fractionOf(peak));
                }
                fractions.sort(null);
                System.out.printf(Locale.ROOT, "%s median %.1f%% of peak%n", arch, 100 * fractions.get(fractions.size() / 2));
            }
            System.out.printf(Locale.ROOT, "peak again %.1f GFLOP/s%n",
                    MatMulPeak.measure(DeviceChoice.CPU, 0, TensorFlowBackend.CPU_PEAK_SIZE));
        }
    }
}
