package io.cnnga.engine.bench;

import io.cnnga.api.Backend;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
 *
 * <p>{@link #interleaved} measures several backends (in practice: one backend at two precisions)
 * in turns of a few steps within one process, so that a machine whose speed drifts between
 * processes or from minute to minute slows them alike and their ratio holds.
 */
public final class Benchmark {

    private static final int WARM_UP_STEPS = 10;
    /** Steps each backend takes in its turn of an interleaved measurement. */
    public static final int TURN_STEPS = 10;
    private static final int EVALUATION_TURNS = 2;

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
            return result(backendId, arch, spec, batch, timed / batch, trainRate, trainSet.size() / evalSeconds,
                    dataLabel, session);
        }
    }

    /**
     * Measures each benchmark's backend on the same network and images: training in turns of
     * {@link #TURN_STEPS} steps ({@code steps} in all for each, rounded up to whole turns; turn
     * {@code t} trains on the {@code t}-th slice of {@code images}, wrapping around), then
     * evaluation of all of {@code images} in turns, twice each; every session warms up first.
     *
     * @return one result per benchmark, in their order
     * @implSpec all sessions are open at once: the memory of all of them must fit
     */
    public static List<BenchmarkResult> interleaved(List<Benchmark> benchmarks, String arch, ModelSpec spec,
                                                    ImageSet images, int batch, int steps, String dataLabel) {
        int turnSteps = Math.min(TURN_STEPS, steps);
        int turns = (steps + turnSteps - 1) / turnSteps;
        List<ImageSet> slices = slices(images, batch * turnSteps, turns);
        ImageSet warmUp = images.head(Math.min(images.size(), batch * WARM_UP_STEPS));
        ImageSet tiny = images.head(batch);
        TrainingConfig config = new TrainingConfig(turns + 1, batch, 0.001, 42, null);
        return withSessions(benchmarks, spec, config, new ArrayList<>(), sessions -> {
            for (TrainingSession s : sessions) {
                s.trainEpoch(1, warmUp, tiny, TrainingListener.NONE);
            }
            int n = sessions.size();
            double[] trainSeconds = new double[n];
            long trained = 0;
            for (int t = 0; t < turns; t++) {
                ImageSet slice = slices.get(t);
                for (int i = 0; i < n; i++) {
                    EpochMetrics m = sessions.get(i).trainEpoch(2 + t, slice, tiny, TrainingListener.NONE);
                    trainSeconds[i] += slice.size() / m.imagesPerSecond();
                }
                trained += slice.size();
            }
            double[] evalSeconds = new double[n];
            for (TrainingSession s : sessions) {
                s.evaluate(warmUp);
            }
            for (int round = 0; round < EVALUATION_TURNS; round++) {
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    sessions.get(i).evaluate(images);
                    evalSeconds[i] += (System.nanoTime() - start) / 1e9;
                }
            }
            long evaluated = (long) EVALUATION_TURNS * images.size();
            List<BenchmarkResult> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(result(benchmarks.get(i).backendId, arch, spec, batch, turns * turnSteps,
                        trained / trainSeconds[i], evaluated / evalSeconds[i], dataLabel, sessions.get(i)));
            }
            return results;
        });
    }

    /**
     * Opens a session of each benchmark's backend after those in {@code open}, then applies
     * {@code measure} to all of them. Each session is opened in a try-with-resources of its own,
     * so every one that opened is closed, in reverse order, whatever throws; a failing close is
     * added to a failure already under way as a suppressed exception, not put in its place.
     */
    private static <R> R withSessions(List<Benchmark> benchmarks, ModelSpec spec, TrainingConfig config,
                                      List<TrainingSession> open, Function<List<TrainingSession>, R> measure) {
        if (open.size() == benchmarks.size()) {
            return measure.apply(List.copyOf(open));
        }
        try (TrainingSession session = benchmarks.get(open.size()).backend.open(spec, config)) {
            open.add(session);
            return withSessions(benchmarks, spec, config, open, measure);
        }
    }

    /** A measurement's result; training GFLOP/s count a step as three forward passes. */
    private static BenchmarkResult result(String backendId, String arch, ModelSpec spec, int batch, int steps,
                                          double trainRate, double evalRate, String dataLabel, TrainingSession session) {
        return new BenchmarkResult(backendId, arch, batch, steps, trainRate, evalRate, spec.forwardFlops(),
                3.0 * spec.forwardFlops() * trainRate / 1e9, dataLabel, session.precision().id());
    }

    /** {@code count} consecutive slices of {@code size} images, wrapping around {@code images}. */
    private static List<ImageSet> slices(ImageSet images, int size, int count) {
        int n = Math.min(size, images.size());
        List<ImageSet> out = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            int[] indices = new int[n];
            for (int k = 0; k < n; k++) {
                indices[k] = (int) (((long) t * n + k) % images.size());
            }
            out.add(images.subset(indices));
        }
        return out;
    }
}
