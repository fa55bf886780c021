package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.support.GlorotUniform;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.api.support.ReferenceNetworks;
import io.cnnga.testkit.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link TrainingSession} contract: failures, early stops, evaluation, seeding, export, closing. */
class TrainingSessionTest {

    private static final ImageSet STRIPES = TestImages.stripes(8, 8, 1, 96, 3L);
    private static PyTorchBackend backend;

    @BeforeAll
    static void open() {
        backend = new PyTorchBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** A small paper-shaped network for 8×8×1 stripes: stages of 8 and 16 filters and the paper's head. */
    static ModelSpec small() {
        return ReferenceNetworks.paperNetwork(Shape.of(8, 8, 1), 2, new int[] {8, 16}, 1, 3, ActivationFunction.RELU, 0.25);
    }

    /** Five hidden dense layers of 64 without batch norm: activations multiply layer by layer. */
    static ModelSpec deepDense() {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec.Flatten());
        for (int i = 0; i < 5; i++) {
            layers.add(new LayerSpec.Dense(64));
            layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
        }
        layers.add(new LayerSpec.Dense(2));
        return new ModelSpec(Shape.of(8, 8, 1), 2, layers);
    }

    /**
     * Learning rate 1e6: after the first Adam step every weight is about ±1e6, and six weight
     * layers overflow float32 on the second step. (With batch norm between, as in the paper's
     * networks, the loss only climbs to about 1e31 and stays finite.)
     */
    @Test
    void aHugeLearningRateFailsNamingEpochAndStep() {
        try (TrainingSession s = backend.open(deepDense(), new TrainingConfig(1, 16, 1e6, 1L, null))) {
            assertThatThrownBy(() -> s.trainEpoch(1, STRIPES, null, TrainingListener.NONE))
                    .isInstanceOf(TrainingFailedException.class)
                    .hasMessage("loss became NaN at epoch 1, step 2");
        }
    }


    @Test
    void evaluationGivesLossAccuracyAndOnePredictionPerImage() {
        try (TrainingLoop<PyTorchTrainingSteps> s = backend.session(small(), new TrainingConfig(3, 16, 3e-3, 1L, null))) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                s.trainEpoch(epoch, STRIPES, null, TrainingListener.NONE);
            }
            Evaluation e = s.evaluate(STRIPES);
            int[] predicted = e.predictions();
            assertThat(predicted).hasSize(STRIPES.size());
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                assertThat(predicted[i]).isBetween(0, 1);
                right += predicted[i] == STRIPES.label(i) ? 1 : 0;
            }
            assertThat(e.accuracy()).isEqualTo((double) right / predicted.length);
            assertThat(e.loss()).isFinite().isPositive();
            float[] p = s.steps().probabilities(STRIPES.batch(new int[] {0, 1}).images(), 2);
            assertThat(p[0] + p[1]).isCloseTo(1f, within(1e-5f));
            assertThat(p[0] > p[1] ? 0 : 1).isEqualTo(predicted[0]);
        }
    }

    /** Same seed, same run (weights, batch order and dropout); another seed, another run. */
    @Test
    void aSeedDeterminesTheRun() {
        double[] a = lossesWithSeed(5L);
        assertThat(lossesWithSeed(5L)).containsExactly(a);
        assertThat(lossesWithSeed(6L)).isNotEqualTo(a);
    }

    private static double[] lossesWithSeed(long seed) {
        try (TrainingSession s = backend.open(small(), new TrainingConfig(2, 16, 1e-3, seed, null))) {
            return new double[] {s.trainEpoch(1, STRIPES, null, TrainingListener.NONE).loss(),
                s.trainEpoch(2, STRIPES, null, TrainingListener.NONE).loss(), s.evaluate(STRIPES).loss()};
        }
    }

    /** The first kernel is the TensorFlow backend's Glorot draw for the same seed, reordered to [out, in, k, k]. */
    @Test
    void initialWeightsAreTheTensorFlowBackendsDraw() {
        ModelSpec spec = small();
        try (TrainingLoop<PyTorchTrainingSteps> s = backend.session(spec, new TrainingConfig(1, 16, 1e-3, 42L, null))) {
            SplittableRandom random = new SplittableRandom(42L);
            float[] conv = GlorotUniform.sample(new long[] {3, 3, 1, 8}, random);
            float[] conv2 = GlorotUniform.sample(new long[] {3, 3, 8, 16}, random);
            List<TorchParameter> p = s.steps().network().parameters();
            assertThat(p.get(0).name()).isEqualTo("conv2d.weight");
            assertThat(p.get(0).value().getShape().getShape()).containsExactly(8, 1, 3, 3);
            assertThat(p.get(0).value().toFloatArray()).containsExactly(TorchLayouts.convToTorch(conv, 3, 1, 8));
            assertThat(p.get(1).value().toFloatArray()).containsOnly(0f);
            assertThat(p.get(2).name()).isEqualTo("batch_normalization.weight");
            assertThat(p.get(2).value().toFloatArray()).containsOnly(1f);
            assertThat(p.get(6).name()).isEqualTo("conv2d_1.weight");
            assertThat(p.get(6).value().toFloatArray()).containsExactly(TorchLayouts.convToTorch(conv2, 3, 8, 16));
            double limit = Math.sqrt(6.0 / (3 * 3 * 8 + 3 * 3 * 16));
            for (float w : conv2) {
                assertThat(Math.abs(w)).isLessThanOrEqualTo((float) limit);
            }
        }
    }

    @Test
    void reorderingsMoveEachWeightToPyTorchsIndex() {
        float[] tf = new float[2 * 2 * 3 * 4];
        for (int i = 0; i < tf.length; i++) {
            tf[i] = i;
        }
        float[] conv = TorchLayouts.convToTorch(tf, 2, 3, 4);
        // TF [y=1, x=0, in=2, out=3] sits at ((1·2 + 0)·3 + 2)·4 + 3 = 35; PyTorch [out=3, in=2, y=1, x=0] at ((3·3 + 2)·2 + 1)·2 + 0 = 46
        assertThat(conv[46]).isEqualTo(35f);
        float[] dense = TorchLayouts.denseToTorch(tf, 6, 8);
        // TF [in=5, out=7] = 47; PyTorch [out=7, in=5] at 7·6 + 5 = 47
        assertThat(dense[7 * 6 + 5]).isEqualTo(47f);
        assertThat(dense[1 * 6 + 2]).isEqualTo(2 * 8 + 1);
    }

    @Test
    void exportWritesSafetensorsUnderPyTorchNames(@TempDir Path dir) throws Exception {
        ModelSpec spec = small();
        try (TrainingLoop<PyTorchTrainingSteps> s = backend.session(spec, new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            s.trainEpoch(1, STRIPES, null, TrainingListener.NONE);
            s.export(dir);
            byte[] file = Files.readAllBytes(dir.resolve(PyTorchTrainingSteps.WEIGHTS_FILE));
            long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            String header = new String(file, 8, (int) headerLength, StandardCharsets.UTF_8);
            assertThat(header).contains("\"conv2d.weight\"", "\"batch_normalization.running_var\"",
                    "\"dense_2.bias\"", "\"F32\"", "[2048,64]");
            assertThat(file.length - 8 - headerLength).isEqualTo(4 * spec.params());
            // DJL reads the file back, by name, with the trained values.
            try (var manager = TorchTestSupport.engine().newBaseManager()) {
                var decoded = ai.djl.ndarray.NDList.decode(manager, file);
                assertThat(decoded).hasSize(s.steps().network().parameters().size());
                for (TorchParameter p : s.steps().network().parameters()) {
                    // isEqualTo compares arrays in one pass; containsExactly diffs them in quadratic time
                    assertThat(decoded.get(p.name()).toFloatArray()).as(p.name()).isEqualTo(p.value().toFloatArray());
                }
            }
            assertThat(Files.readString(dir.resolve("network.txt"))).contains("Total params: " + String.format("%,d", spec.params()));
        }
    }

    /** Every variable under its layer's name and kind, as the engine's histograms expect; a filter copies fewer. */
    @Test
    void parametersNameEveryLayerAndKind() {
        ModelSpec spec = small();
        try (TrainingSession s = backend.open(spec, new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            List<LayerParameter> all = s.parameters();
            assertThat(all.stream().mapToLong(p -> p.values().length).sum()).isEqualTo(spec.params());
            assertThat(all.subList(0, 6)).extracting(LayerParameter::tag).containsExactly("conv2d/kernel",
                    "conv2d/bias", "batch_normalization/gamma", "batch_normalization/beta",
                    "batch_normalization/moving_mean", "batch_normalization/moving_variance");
            assertThat(all.get(all.size() - 1).tag()).isEqualTo("dense_2/bias");
            assertThat(s.parameters(Set.of("conv2d_1"))).extracting(LayerParameter::tag)
                    .containsExactly("conv2d_1/kernel", "conv2d_1/bias");
        }
    }



    @Test
    void autoAndCpuAreTheCpuOnTheCpuBuildOfLibtorch() {
        assertThat(PyTorchRuntime.device(DeviceChoice.AUTO, TorchTestSupport.engine())).isEqualTo(ai.djl.Device.cpu());
        assertThat(PyTorchRuntime.device(DeviceChoice.CPU, TorchTestSupport.engine())).isEqualTo(ai.djl.Device.cpu());
        assertThatThrownBy(() -> PyTorchRuntime.device(DeviceChoice.parse("gpu:0"), TorchTestSupport.engine()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is the CPU build");
    }

    @Test
    void aGpuThatLibtorchCannotSeeFailsTheTraining() {
        assertThatThrownBy(() -> backend.open(small(), new TrainingConfig(1, 16, 1e-3, 1L, "gpu:7")))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageContaining("device gpu:7 is not available");
    }

    @Test
    void aNetworkTooLargeForTheMachineFailsBeforeLibtorchAllocatesIt() {
        // 8 images of 1024x1024 through 4096 filters: a 137 GB activation. On an overcommitting
        // Linux the OOM killer would end the whole run, so the backend refuses it first.
        ModelSpec huge = new ModelSpec(Shape.of(1024, 1024, 1), 2, List.of(
                new LayerSpec.Conv2D(4096, 1, 1, Padding.SAME),
                new LayerSpec.MaxPool(1024, 1024, Padding.VALID),
                new LayerSpec.Flatten(), new LayerSpec.Dense(2)));
        assertThatThrownBy(() -> backend.open(huge, new TrainingConfig(1, 8, 1e-3, 1L, null)))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageStartingWith("out of memory: this network needs about ")
                .hasMessageContaining("at batch 8");
    }
}
