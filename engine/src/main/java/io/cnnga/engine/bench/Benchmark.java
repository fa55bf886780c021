package io.cnnga.engine.bench;

import io.cnnga.api.Backend;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;

/**
 * Measures how fast a backend trains and evaluates one network: a warm-up epoch first (graph
 * building, allocator, JIT), then a timed epoch of {@code steps} batches and a timed evaluation.
 *
 * <pre>{@code
 * BenchmarkResult r = new Benchmark("tensorflow", backend).run("ref-a", spec, images, 32, 100, "fashion-mnist");
 * }</pre>
 *
 * <p>Training throughput comes from the backend's own epoch measurement, which excludes the
 * validation pass; evaluation is timed here over the same images. The result names the precision
 * the session computed in.
 */
public final class Benchmark {

    private static final int WARM_UP_STEPS = 10;

    private final String backendId;
    private final Backend backend;

    public Benchmark(String backendId, Backend backend) {
        this.backendId = backendId;
        this.backend = backend;
    }

    /**
     * @param images at least {@code batch × steps} images of the spec's shape
     */
    public BenchmarkResult run(String arch, ModelSpec spec, ImageSet images, int batch, int steps, String dataLabel) {
        int timed = Math.min(images.size(), batch * steps);
        ImageSet trainSet = images.head(timed);
        ImageSet warmUp = images.head(Math.min(images.size(), batch * WARM_UP_STEPS));
        ImageSet tiny = images.head(batch);
        TrainingConfig config = new TrainingConfig(2, batch, 0.001, 42, null);
        try (TrainingSession session = backend.open(spec, config)) {
            session.trainEpoch(1, warmUp, tiny, TrainingListener.NONE);
            EpochMetrics measured = session.trainEpoch(2, trainSet, tiny, TrainingListener.NONE);
            session.evaluate(warmUp);
            long start = System.nanoTime();
            session.evaluate(trainSet);
            double evalSeconds = (System.nanoTime() - start) / 1e9;
            double trainRate = measured.imagesPerSecond();
            return new BenchmarkResult(backendId, arch, batch, timed / batch, trainRate, trainSet.size() / evalSeconds,
                    spec.forwardFlops(), 3.0 * spec.forwardFlops() * trainRate / 1e9, dataLabel,
                    session.precision().id());
        }
    }
}
