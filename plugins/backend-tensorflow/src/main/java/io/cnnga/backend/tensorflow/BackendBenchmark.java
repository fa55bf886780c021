package io.cnnga.backend.tensorflow;

import io.cnnga.api.Backend;
import io.cnnga.api.DataInfo;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.util.Random;

/**
 * Measures how fast a backend trains and evaluates a network: what {@code bench} prints.
 *
 * <pre>{@code
 * BackendBenchmark.Result r = BackendBenchmark.run(backend, ReferenceNetworks.refB(), 32, 100, fashionTrain);
 * r.trainImagesPerSecond();   // e.g. 450
 * r.trainGflops();            // 3 × forward FLOPs × train images/s / 1e9
 * }</pre>
 *
 * <p>Backend-agnostic: it uses only {@link Backend} and {@link TrainingSession}, so it can move
 * to the engine as is. Training: a warm-up epoch of {@link #WARMUP_STEPS} steps (graph
 * optimization, kernel selection, allocator growth), then one timed epoch of {@code steps}
 * steps; the rate is the epoch's {@link EpochMetrics#imagesPerSecond()} (validation excluded).
 * Evaluation: one warm-up pass, then a timed {@link TrainingSession#evaluate} over the same
 * {@code steps × batch} images. Training GFLOP/s counts 3 × forward FLOPs per image (forward plus
 * a backward pass of about twice the cost). Data are the first {@code steps × batch} images of
 * {@code data} (repeated if fewer), or, when {@code data} is null, random pixels and labels of the
 * network's shape, labelled {@code synthetic}.
 */
public final class BackendBenchmark {

    public static final int WARMUP_STEPS = 5;

    private BackendBenchmark() {
    }

    /**
     * @param data                  label of the images used: the dataset's name or {@code synthetic}
     * @param trainImagesPerSecond  training throughput, warm-up excluded
     * @param evalImagesPerSecond   inference throughput, warm-up excluded
     * @param forwardFlopsPerImage  the spec's forward FLOPs
     * @param trainGflops           3 × forward FLOPs × train images/s, in GFLOP/s
     */
    public record Result(int batch, int steps, String data, double trainImagesPerSecond, double evalImagesPerSecond,
                         long forwardFlopsPerImage, double trainGflops) {

        /** The fraction of {@code peakGflops} that training achieved. */
        public double fractionOf(double peakGflops) {
            return trainGflops / peakGflops;
        }
    }

    public static Result run(Backend backend, ModelSpec spec, int batch, int steps, ImageSet data) {
        return run(backend, spec, batch, steps, data, 42L);
    }

    public static Result run(Backend backend, ModelSpec spec, int batch, int steps, ImageSet data, long seed) {
        if (batch < 1 || steps < 1) {
            throw new IllegalArgumentException("batch and steps must be >= 1, were " + batch + " and " + steps);
        }
        String label = data == null ? "synthetic" : data.info().name();
        ImageSet images = data == null ? synthetic(spec, batch * steps, seed) : take(data, batch * steps);
        ImageSet warmup = take(images, batch * WARMUP_STEPS);
        ImageSet tiny = take(images, batch);
        TrainingConfig config = new TrainingConfig(1, batch, 1e-3, seed, null);
        try (TrainingSession session = backend.open(spec, config)) {
            session.trainEpoch(1, warmup, tiny, TrainingListener.NONE);
            EpochMetrics timed = session.trainEpoch(2, images, tiny, TrainingListener.NONE);
            session.evaluate(warmup);
            long start = System.nanoTime();
            session.evaluate(images);
            double evalSeconds = (System.nanoTime() - start) / 1e9;
            long flops = spec.forwardFlops();
            double train = timed.imagesPerSecond();
            return new Result(batch, steps, label, train, images.size() / evalSeconds, flops, 3.0 * flops * train / 1e9);
        }
    }

    /** Random bytes and labels of the network's input shape and classes. */
    public static ImageSet synthetic(ModelSpec spec, int count, long seed) {
        DataInfo info = DataInfo.of("synthetic", spec.input().dim(0), spec.input().dim(1), spec.input().dim(2),
                spec.classes());
        Random random = new Random(seed);
        byte[] pixels = new byte[count * info.pixelsPerImage()];
        random.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(spec.classes());
        }
        return new ImageSet(info, pixels, labels);
    }

    /** The first {@code n} images, cycling when the set is smaller. */
    static ImageSet take(ImageSet set, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i % set.size();
        }
        return set.subset(idx);
    }
}
