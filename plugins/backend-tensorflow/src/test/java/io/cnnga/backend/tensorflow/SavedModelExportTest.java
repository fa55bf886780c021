package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Batch;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel exported after training loads back with TensorFlow Java's SavedModelBundle and,
 * through its serving_default signature, gives the probabilities and predictions of the session
 * that trained it (batch norm with moving statistics, dropout off).
 */
class SavedModelExportTest {

    @TempDir
    Path dir;

    /** Every layer kind, so the exported inference graph is checked for each. */
    static ModelSpec network() {
        return new ModelSpec(io.cnnga.api.Shape.of(12, 12, 1), 4, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.ELU),
                new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.25),
                new LayerSpec.Conv2D(8, 5, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.SWISH),
                new LayerSpec.Flatten(), new LayerSpec.Dense(16), new LayerSpec.BatchNorm(1e-3),
                LayerSpec.Activation.of(ActivationFunction.LEAKY_RELU), new LayerSpec.Dropout(0.5),
                new LayerSpec.Dense(4)));
    }

    @Test
    void exportedModelPredictsLikeTheSession() throws Exception {
        ImageSet data = TestImages.quadrants(192, 12, 1, 5);
        ImageSet probe = TestImages.quadrants(40, 12, 1, 6);
        Path model = dir.resolve("model");
        float[] expected;
        Evaluation evaluation;
        try (TensorFlowBackend backend = Shapes.cpuBackend();
             TrainingLoop<TensorFlowTrainingSteps> session = backend.session(network(), Shapes.config(16, 3e-3))) {
            session.trainEpoch(1, data, probe, TrainingListener.NONE);
            session.trainEpoch(2, data, probe, TrainingListener.NONE);
            Batch all = probe.batch(range(probe.size()));
            expected = session.steps().probabilities(all.images(), all.size());
            evaluation = session.evaluate(probe);
            session.export(model);
        }
        assertThat(model.resolve("saved_model.pb")).isRegularFile();
        assertThat(model.resolve("variables")).isDirectory();

        Batch all = probe.batch(range(probe.size()));
        try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve")) {
            Signature signature = bundle.function(Signature.DEFAULT_KEY).signature();
            assertThat(signature.key()).isEqualTo("serving_default");
            assertThat(signature.inputNames()).containsExactly("images");
            assertThat(signature.outputNames()).containsExactly("probabilities");
            assertThat(signature.getInputs().get("images").shape.asArray()).containsExactly(-1, 12, 12, 1);
            assertThat(signature.getOutputs().get("probabilities").shape.asArray()).containsExactly(-1, 4);
            try (TFloat32 images = Tensors.images(network(), all.images(), all.size());
                 Result result = bundle.call(Map.of("images", images))) {
                Tensor out = result.get("probabilities").orElseThrow();
                assertThat(out.shape()).isEqualTo(Shape.of(probe.size(), 4));
                float[] actual = Tensors.floats(out);
                assertThat(actual).hasSameSizeAs(expected);
                int[] predictions = evaluation.predictions();
                for (int i = 0; i < probe.size(); i++) {
                    float sum = 0;
                    int best = 0;
                    for (int c = 0; c < 4; c++) {
                        assertThat(actual[i * 4 + c]).isCloseTo(expected[i * 4 + c], within(1e-5f));
                        sum += actual[i * 4 + c];
                        best = actual[i * 4 + c] > actual[i * 4 + best] ? c : best;
                    }
                    assertThat(sum).isCloseTo(1f, within(1e-5f));
                    assertThat(best).isEqualTo(predictions[i]);
                }
            }
        }
    }

    @Test
    void exportReplacesAnEarlierSavedModelButNothingElse() throws Exception {
        Path model = dir.resolve("model");
        try (TensorFlowBackend backend = Shapes.cpuBackend();
             TrainingSession session = backend.open(network(), Shapes.config(16, 1e-3))) {
            session.export(model);
            session.export(model);
            assertThat(model.resolve("saved_model.pb")).isRegularFile();
            try (var entries = Files.list(dir)) {
                assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("model");
            }
            Path other = Files.createDirectories(dir.resolve("notes"));
            Files.writeString(other.resolve("readme.txt"), "mine");
            assertThatThrownBy(() -> session.export(other)).hasMessageContaining("is not a SavedModel");
            assertThat(other.resolve("readme.txt")).hasContent("mine");
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
