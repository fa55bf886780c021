package io.cnnga.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.Checkpoint;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;
import io.cnnga.api.Predictor;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link Backend}, for its plugin's tests to extend: a tiny network trains with
 * a falling loss, evaluation and export work (and what it exports loads back and predicts the
 * same, where the backend can load), listeners hear every step and may stop an epoch,
 * checkpoints are measured where the configuration asks and change nothing,
 * the seed fixes the start, a diverging training fails with {@link TrainingFailedException}, and
 * closing sessions gives their native memory back. Everything trains on a few hundred 12×12
 * images ({@link TestImages#quadrants}) through networks of about a thousand weights
 * ({@link TinyNetworks}): seconds on a CPU.
 *
 * <pre>{@code
 * class MyBackendTest extends BackendContract {
 *     protected BackendFactory factory() { return new MyBackendFactory(); }
 *     protected Map<String, Object> options() { return Map.of("device", "cpu"); }
 * }
 * }</pre>
 *
 * <p>One backend is created for the whole class ({@link #backend()}) and closed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract extends PluginFactoryContract<Backend> {

    private static final Shape INPUT = Shape.of(12, 12, 1);
    private static final int CLASSES = 4;
    /** What the checkpoint tests train on (20 steps of 16 an epoch) and validate on. */
    private static final ImageSet CHECKPOINT_TRAIN = TestImages.quadrants(320, 12, 1, 11L);
    private static final ImageSet CHECKPOINT_VALIDATION = TestImages.quadrants(200, 12, 1, 12L);
    /** Sessions opened and closed by {@link #closingSessionsGivesTheirMemoryBack()}. */
    public static final int MEMORY_CYCLES = 24;
    /** How much resident memory its sessions after the tenth may add (allocator pools, the JVM's heap). */
    public static final int MEMORY_TOLERANCE_MB = 64;

    private Backend backend;

    /** The factory under test. */
    @Override
    protected abstract BackendFactory factory();

    @Override
    protected final String section() {
        return "backend";
    }

    @Override
    final List<? extends PluginFactory<?>> factories(Plugin plugin) {
        return plugin.backends();
    }

    /** Opens and closes a session of a tiny network, then closes the backend. */
    @Override
    protected void use(Backend created) {
        try (Backend b = created; TrainingSession s = b.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, 7L))) {
            s.evaluate(TestImages.quadrants(8, 12, 1, 1L));
        }
    }

    @BeforeAll
    public void createBackend() {
        backend = create();
    }

    @AfterAll
    public void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /** The backend the tests train on, created from {@link #options()}. */
    protected final Backend backend() {
        return backend;
    }

    private static TrainingConfig config(int epochs, double learningRate, long seed) {
        return new TrainingConfig(epochs, 16, learningRate, seed, null);
    }

    @Test
    public void aTinyNetworkLearnsWithAFallingLoss() {
        ImageSet train = TestImages.quadrants(320, 12, 1, 11L);
        ImageSet validation = TestImages.quadrants(80, 12, 1, 12L);
        List<EpochMetrics> heard = new ArrayList<>();
        AtomicInteger steps = new AtomicInteger();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int total, double loss, double accuracy) {
                steps.incrementAndGet();
                assertEquals(20, total, "320 images in batches of 16 are 20 steps");
                assertTrue(Double.isFinite(loss) && loss >= 0, "step " + step + "'s loss is " + loss);
                assertTrue(accuracy >= 0 && accuracy <= 1, "step " + step + "'s accuracy is " + accuracy);
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                heard.add(metrics);
            }
        };
        List<EpochMetrics> epochs = new ArrayList<>();
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(3, 3e-3, 7L))) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                EpochMetrics m = s.trainEpoch(epoch, train, validation, listener);
                assertEquals(epoch, m.epoch());
                assertTrue(m.complete(), "epoch " + epoch + " was not stopped, yet is not complete");
                assertTrue(Double.isFinite(m.validationLoss()), "epoch " + epoch + "'s validation loss is " + m.validationLoss());
                epochs.add(m);
            }
        }
        assertEquals(60, steps.get(), "the listener heard " + steps.get() + " of 3 × 20 steps");
        assertEquals(epochs, heard, "onEpoch heard other metrics than trainEpoch returned");
        assertTrue(epochs.get(2).loss() < epochs.get(0).loss(), "the training loss did not fall: " + losses(epochs));
        assertTrue(epochs.get(2).validationAccuracy() > 0.5, "validation accuracy " + epochs.get(2).validationAccuracy()
                + " after 3 epochs of an easy 4-class task (chance: 0.25); losses " + losses(epochs));
    }

    @Test
    public void evaluationGivesOnePredictionPerImageInOrder() {
        ImageSet data = TestImages.quadrants(300, 12, 1, 3L);
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 3e-3, 7L))) {
            s.trainEpoch(1, data, data, TrainingListener.NONE);
            Evaluation all = s.evaluate(data);
            int[] predictions = all.predictions();
            assertEquals(300, predictions.length, "one prediction per image");
            int right = 0;
            for (int i = 0; i < predictions.length; i++) {
                assertTrue(predictions[i] >= 0 && predictions[i] < CLASSES, "prediction " + predictions[i] + " of image " + i);
                right += predictions[i] == data.label(i) ? 1 : 0;
            }
            assertEquals(right / 300.0, all.accuracy(), 1e-9, "accuracy is not the share of right predictions");
            assertTrue(Double.isFinite(all.loss()) && all.loss() > 0, "evaluation loss " + all.loss());
            int[] tail = new int[44];
            Arrays.setAll(tail, i -> 256 + i);
            assertArrayEquals(Arrays.copyOfRange(predictions, 256, 300), s.evaluate(data.subset(tail)).predictions(),
                    "images 256-299 are predicted differently alone than with the others: predictions out of order");
        }
    }

    @Test
    public void theSeedFixesTheStartingWeights() {
        ImageSet data = TestImages.quadrants(64, 12, 1, 1L);
        double a = startingLoss(data, 7L);
        assertEquals(a, startingLoss(data, 7L), "two sessions of seed 7 start from different weights");
        assertNotEquals(a, startingLoss(data, 8L), "seeds 7 and 8 start from the same weights");
    }

    private double startingLoss(ImageSet data, long seed) {
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, seed))) {
            return s.evaluate(data).loss();
        }
    }

    @Test
    public void aStopRequestEndsTheEpochEarlyAndStillValidates() {
        ImageSet data = TestImages.quadrants(160, 12, 1, 1L);
        AtomicInteger steps = new AtomicInteger();
        TrainingListener stopAfterThree = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int total, double loss, double accuracy) {
                steps.incrementAndGet();
            }

            @Override
            public boolean stopRequested() {
                return steps.get() >= 3;
            }
        };
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, 7L))) {
            EpochMetrics m = s.trainEpoch(1, data, data, stopAfterThree);
            assertEquals(3, steps.get(), "steps trained after the stop was requested");
            assertFalse(m.complete(), "a stopped epoch must say it is not complete");
            assertTrue(Double.isFinite(m.validationLoss()), "a stopped epoch still measures validation");
        }
    }

    /**
     * Checkpoints at 0.125, 0.5 and 0.75 of two epochs of 20 steps fall on steps 5 and 20 of the
     * first and step 30 of the second, measure the whole validation set, and change nothing: the
     * one at step 20 measures what the first epoch's end does, and a training without checkpoints
     * goes the same way (what the engine's pruners rely on when they compare trials at them).
     */
    @Test
    public void checkpointsAreMeasuredWhereTheConfigAsksAndLeaveTheTrainingAsItWas() {
        List<Checkpoint> heard = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                heard.add(checkpoint);
            }
        };
        List<EpochMetrics> with = trainTwoEpochs(List.of(0.125, 0.5, 0.75), listener);
        assertEquals(List.of(5, 20), steps(with.get(0).checkpoints()), "epoch 1's checkpoints: " + heard);
        assertEquals(List.of(30), steps(with.get(1).checkpoints()), "epoch 2's checkpoints: " + heard);
        assertEquals(List.of(0.125, 0.5, 0.75), heard.stream().map(Checkpoint::fraction).toList());
        for (Checkpoint c : heard) {
            assertTrue(Double.isFinite(c.validationLoss()) && c.validationLoss() >= 0, "validation loss of " + c);
            assertTrue(c.validationAccuracy() >= 0 && c.validationAccuracy() <= 1, "validation accuracy of " + c);
            assertEquals(CHECKPOINT_VALIDATION.size(), c.images(), "images validated at " + c);
            assertTrue(c.seconds() > 0, "seconds of " + c);
        }
        assertTrue(heard.get(1).seconds() > heard.get(0).seconds(), "the checkpoints' seconds do not grow: " + heard);
        assertEquals(with.get(0).validationAccuracy(), heard.get(1).validationAccuracy(),
                "the checkpoint at step 20 and the end of epoch 1 measure the same network on the same images");
        assertEquals(with.get(0).validationLoss(), heard.get(1).validationLoss(), 1e-5);

        List<EpochMetrics> without = trainTwoEpochs(List.of(), TrainingListener.NONE);
        for (int e = 0; e < 2; e++) {
            assertEquals(without.get(e).loss(), with.get(e).loss(), 1e-4,
                    "epoch " + (e + 1) + "'s training loss moved when checkpoints were measured");
            assertEquals(without.get(e).validationAccuracy(), with.get(e).validationAccuracy(), 0.011,
                    "epoch " + (e + 1) + "'s validation accuracy moved when checkpoints were measured");
        }
    }

    /** A stop requested on hearing a checkpoint ends the epoch there, its metrics the checkpoint's. */
    @Test
    public void aStopRightAfterACheckpointEndsTheEpochWithItsMeasurement() {
        List<Checkpoint> heard = new ArrayList<>();
        List<EpochMetrics> epochs = trainTwoEpochs(List.of(0.25), new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                heard.add(checkpoint);
            }

            @Override
            public boolean stopRequested() {
                return !heard.isEmpty();
            }
        });
        assertEquals(1, epochs.size(), "epochs trained after the stop");
        EpochMetrics m = epochs.get(0);
        assertFalse(m.complete(), "a stopped epoch must say it is not complete");
        assertEquals(heard, m.checkpoints(), "the stopped epoch's metrics do not list its checkpoint");
        assertEquals(10, heard.get(0).step(), "the checkpoint at 0.25 of 2 × 20 steps");
        assertEquals(heard.get(0).validationAccuracy(), m.validationAccuracy(), "the stopped epoch measured again");
        assertEquals(heard.get(0).validationLoss(), m.validationLoss(), "the stopped epoch measured again");
    }

    /** Up to two epochs (fewer when a listener stops one) at the given checkpoints. */
    private List<EpochMetrics> trainTwoEpochs(List<Double> checkpoints, TrainingListener listener) {
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingConfig config = config(2, 3e-3, 7L).withCheckpoints(checkpoints);
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                EpochMetrics m = s.trainEpoch(epoch, CHECKPOINT_TRAIN, CHECKPOINT_VALIDATION, listener);
                epochs.add(m);
                if (!m.complete()) {
                    break;
                }
            }
        }
        return epochs;
    }

    private static List<Integer> steps(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::step).toList();
    }

    /**
     * A learning rate of 1e6 through five dense layers without batch norm overflows float32 in a
     * few steps: the session throws {@link TrainingFailedException} (the engine records the trial
     * as failed and goes on), and the backend still trains afterwards.
     */
    @Test
    public void aDivergingTrainingFailsWithTrainingFailedException() {
        ImageSet data = TestImages.quadrants(256, 12, 1, 1L);
        try (TrainingSession s = backend.open(TinyNetworks.deepDense(INPUT, CLASSES), config(5, 1e6, 1L))) {
            assertThrows(TrainingFailedException.class, () -> {
                for (int epoch = 1; epoch <= 5; epoch++) {
                    s.trainEpoch(epoch, data, data, TrainingListener.NONE);
                }
            }, "five epochs at learning rate 1e6 gave no NaN or infinite loss");
        }
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, 1L))) {
            assertTrue(Double.isFinite(s.trainEpoch(1, data, data, TrainingListener.NONE).loss()),
                    "the backend does not train after a failed training");
        }
    }

    @Test
    public void imagesOfAnotherShapeAreRefused() {
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, 1L))) {
            ImageSet wrong = TestImages.quadrants(16, 10, 1, 1L);
            assertThrows(IllegalArgumentException.class, () -> s.trainEpoch(1, wrong, wrong, TrainingListener.NONE));
        }
    }

    @Test
    public void exportWritesTheNetwork(@TempDir Path dir) throws IOException {
        ImageSet data = TestImages.quadrants(64, 12, 1, 1L);
        Path model = dir.resolve("model");
        try (TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, 1L))) {
            s.trainEpoch(1, data, data, TrainingListener.NONE);
            s.export(model);
        }
        long bytes;
        try (Stream<Path> files = Files.walk(model)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes >= 4L * TinyNetworks.convNet(INPUT, CLASSES).params(),
                "export wrote " + bytes + " bytes, fewer than the network's float32 weights");
    }

    /**
     * What {@link Backend#load} reads back from an export predicts as the session did: the same
     * class for at least nine images in ten (all of them, but for near ties a change of precision
     * may flip), probabilities that sum to 1. Skipped for a backend that cannot load
     * its exports ({@link UnsupportedOperationException}, which the API allows).
     */
    @Test
    public void anExportLoadsBackAndPredictsAsTheSessionDid(@TempDir Path dir) {
        ImageSet data = TestImages.quadrants(64, 12, 1, 2L);
        ModelSpec spec = TinyNetworks.convNet(INPUT, CLASSES);
        Path model = dir.resolve("model");
        int[] expected;
        try (TrainingSession s = backend.open(spec, config(1, 3e-3, 1L))) {
            s.trainEpoch(1, data, data, TrainingListener.NONE);
            expected = s.evaluate(data).predictions();
            s.export(model);
        }
        Predictor predictor;
        try {
            predictor = backend.load(model, spec);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "this backend cannot load its exports: " + e.getMessage());
            return;
        }
        int same = 0;
        try (Predictor p = predictor) {
            int[] all = new int[data.size()];
            Arrays.setAll(all, i -> i);
            float[] probabilities = p.probabilities(data.batch(all).images(), data.size());
            assertEquals(data.size() * CLASSES, probabilities.length, "one probability per image and class");
            for (int i = 0; i < data.size(); i++) {
                double sum = 0;
                int best = 0;
                for (int c = 0; c < CLASSES; c++) {
                    float q = probabilities[i * CLASSES + c];
                    sum += q;
                    best = q > probabilities[i * CLASSES + best] ? c : best;
                }
                assertEquals(1.0, sum, 1e-3, "image " + i + "'s probabilities do not sum to 1");
                same += expected[i] == best ? 1 : 0;
            }
        }
        // A backend that trains in bfloat16 may load in another precision: a near tie may flip.
        assertTrue(same >= data.size() * 9 / 10, same + " of " + data.size()
                + " images are predicted as the session predicted them, after export and load");
    }

    @Test
    public void parametersCoverEveryWeightWhenOffered() {
        ModelSpec spec = TinyNetworks.convNet(INPUT, CLASSES);
        try (TrainingSession s = backend.open(spec, config(1, 1e-3, 1L))) {
            List<LayerParameter> parameters = s.parameters();
            assumeTrue(!parameters.isEmpty(), "this backend does not expose its variables");
            assertEquals(spec.params(), parameters.stream().mapToLong(p -> p.values().length).sum(),
                    "parameters() does not hold every weight of the network");
        }
    }

    @Test
    public void aClosedSessionRefusesWorkAndClosesTwiceQuietly() {
        TrainingSession s = backend.open(TinyNetworks.convNet(INPUT, CLASSES), config(1, 1e-3, 1L));
        s.close();
        assertDoesNotThrow(s::close, "closing a session twice");
        ImageSet data = TestImages.quadrants(8, 12, 1, 1L);
        assertThrows(IllegalStateException.class, () -> s.evaluate(data), "a closed session evaluated");
    }

    /**
     * A search opens and closes thousands of sessions in one JVM: {@value #MEMORY_CYCLES} cycles of
     * a network of a million weights (4 MB, with Adam's state and gradients about 16 MB per
     * session) must not grow the process's resident memory by more than
     * {@value #MEMORY_TOLERANCE_MB} MB from the most of cycles 8–10, when the framework's and the
     * allocator's pools have reached their working size, to the least of the last three; a
     * session that kept even a third of its memory would grow it by over 100 MB. A collection is
     * forced after each cycle (the Java garbage of each would otherwise grow the heap), so memory
     * that a collection frees is not counted: what this catches is memory only {@code close()}
     * frees and a session kept (TensorFlow Java also frees a session nobody closed when it is
     * collected; DJL's NDManagers are not).
     */
    @Test
    public void closingSessionsGivesTheirMemoryBack() {
        assumeTrue(ResidentMemory.measurable(), "no /proc/self/status to measure resident memory with");
        ModelSpec wide = new ModelSpec(Shape.of(32, 32, 1), 2, List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(1024),
                LayerSpec.Activation.of(ActivationFunction.RELU), new LayerSpec.Dense(2)));
        ImageSet data = TestImages.stripes(32, 32, 1, 32, 1L);
        List<Long> megabytes = new ArrayList<>();
        for (int cycle = 1; cycle <= MEMORY_CYCLES; cycle++) {
            try (TrainingSession s = backend.open(wide, config(1, 1e-3, cycle))) {
                s.trainEpoch(1, data, data, TrainingListener.NONE);
                s.evaluate(data);
            }
            // Each cycle leaves megabytes of Java garbage (copies of the weights): collected, the heap
            // keeps its size rather than growing, which would look like a leak.
            System.gc();
            megabytes.add(ResidentMemory.kilobytes() / 1024);
        }
        long growth = ResidentMemory.growth(megabytes, 7);
        assertTrue(growth < MEMORY_TOLERANCE_MB, "resident memory grew by " + growth + " MB from cycle 10 to "
                + MEMORY_CYCLES + " of opening, training and closing a session (MB after each: " + megabytes + ")");
    }

    private static String losses(List<EpochMetrics> epochs) {
        return epochs.stream().map(m -> String.format(java.util.Locale.ROOT, "%.4f", m.loss())).toList().toString();
    }
}
