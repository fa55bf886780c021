package io.cnnga.api.support;

import io.cnnga.api.Batch;
import io.cnnga.api.DataInfo;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@link TrainingSteps} that train nothing and write down every call, for tests of what
 * {@link TrainingLoop} does around a backend: its images carry their ids in their pixels, so the
 * log says exactly which images each call saw.
 *
 * <pre>{@code
 * RecordingSteps steps = new RecordingSteps();
 * TrainingLoop<RecordingSteps> loop = new TrainingLoop<>(RecordingSteps.SPEC, config, 1L, BatchNormStatistics.RECOMPUTED, steps);
 * loop.trainEpoch(1, RecordingSteps.images(100, 0, 1L), null, TrainingListener.NONE);
 * steps.log();   // ["start 1", "train 1/1", "train 1/2", ..., "statistics 100"]
 * }</pre>
 *
 * <p>Its "network" predicts class 0 for every image; a training step's loss is 1 / (steps so far),
 * an evaluation's mean loss 0.5.
 */
final class RecordingSteps implements TrainingSteps {

    /** 2×2×1 images of 4 classes; three of the four bytes spell the image's id. */
    static final DataInfo INFO = DataInfo.of("ids", 2, 2, 1, 4);
    static final ModelSpec SPEC = new ModelSpec(Shape.of(2, 2, 1), 4, List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(4)));

    private final List<String> log;
    private final List<int[]> statisticsSamples = new ArrayList<>();
    private final List<int[]> evaluated = new ArrayList<>();
    private int trained;
    private int failAtStep = -1;
    private boolean closed;

    RecordingSteps() {
        this(new ArrayList<>());
    }

    /** Writes into {@code log}, which a test's listener may share. */
    RecordingSteps(List<String> log) {
        this.log = log;
    }

    /** The next training step numbered {@code step} (over the whole training) throws. */
    RecordingSteps failingAt(int step) {
        failAtStep = step;
        return this;
    }

    /**
     * {@code n} images with ids from {@code firstId}, classes unbalanced (class c about 2c + 1 times
     * in 16), so that a stratified sample is visible.
     */
    static ImageSet images(int n, int firstId, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int id = firstId + i;
            pixels[4 * i] = (byte) (id >>> 16);
            pixels[4 * i + 1] = (byte) (id >>> 8);
            pixels[4 * i + 2] = (byte) id;
            labels[i] = (int) Math.sqrt(random.nextInt(16));
        }
        return new ImageSet(INFO, pixels, labels);
    }

    /** The ids of {@code set}'s images, in order. */
    static int[] ids(ImageSet set) {
        int[] all = new int[set.size()];
        Arrays.setAll(all, i -> set.pixel(i, 0, 0, 0) << 16 | set.pixel(i, 0, 1, 0) << 8 | set.pixel(i, 1, 0, 0));
        return all;
    }

    static int[] ids(Batch batch) {
        float[] p = batch.images();
        int[] out = new int[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(p[4 * i] * 255) << 16 | Math.round(p[4 * i + 1] * 255) << 8 | Math.round(p[4 * i + 2] * 255);
        }
        return out;
    }

    @Override
    public void startEpoch(int epoch, long epochSeed) {
        log.add("start " + epoch);
    }

    @Override
    public Trained train(Batch batch, int epoch, int step) {
        trained++;
        if (trained == failAtStep) {
            throw new IllegalStateException("the framework broke");
        }
        log.add("train " + epoch + "/" + step);
        return new Trained(1f / trained, zeros(batch.labels()));
    }

    @Override
    public Evaluated evaluate(Batch batch, boolean predictions) {
        evaluated.add(ids(batch));
        log.add("evaluate " + batch.size());
        return new Evaluated(0.5 * batch.size(), zeros(batch.labels()), predictions ? new int[batch.size()] : null);
    }

    @Override
    public void recomputeBatchNormStatistics(Iterable<Batch> sample) {
        List<Integer> ids = new ArrayList<>();
        for (Batch b : sample) {
            Arrays.stream(ids(b)).forEach(ids::add);
        }
        statisticsSamples.add(ids.stream().mapToInt(Integer::intValue).toArray());
        log.add("statistics " + ids.size());
    }

    /** The ids of the images evaluated since the last call, in order; then forgets them. */
    int[] takeEvaluated() {
        int[] all = evaluated.stream().flatMapToInt(Arrays::stream).toArray();
        evaluated.clear();
        return all;
    }

    /** The ids of each statistics pass so far. */
    List<int[]> statisticsSamples() {
        return statisticsSamples;
    }

    private static long zeros(int[] labels) {
        return Arrays.stream(labels).filter(l -> l == 0).count();
    }

    @Override
    public void export(Path directory) {
        log.add("export " + directory);
    }

    @Override
    public List<LayerParameter> parameters(Set<String> layers) {
        return List.of(new LayerParameter("dense", LayerParameter.BIAS, new float[4]));
    }

    @Override
    public void close() {
        if (closed) {
            throw new IllegalStateException("closed twice");
        }
        closed = true;
        log.add("close");
    }

    List<String> log() {
        return log;
    }

    boolean closed() {
        return closed;
    }
}
