package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each layer kind, activation and kernel size trains: over a few epochs of 64 striped 8×8 images
 * (batch 16), the mean training loss of the last two epochs is at most 3/4 of the first's
 * (dropout 0.5 on 16 units keeps it from reaching 0).
 */
class LayerTrainingTest {

    private static PyTorchBackend backend;

    @BeforeAll
    static void open() {
        backend = new PyTorchBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (int k : new int[] {2, 3, 5, 7}) {
            cases.add(Arguments.of("conv kernel " + k, List.of(conv(8, k, 1, Padding.SAME), act(ActivationFunction.RELU))));
        }
        for (ActivationFunction f : ActivationFunction.values()) {
            cases.add(Arguments.of("activation " + f.id(), List.of(conv(8, 3, 1, Padding.SAME), act(f))));
        }
        cases.add(Arguments.of("conv VALID stride 2", List.of(conv(8, 3, 2, Padding.VALID), act(ActivationFunction.ELU))));
        cases.add(Arguments.of("batch norm", List.of(conv(8, 3, 1, Padding.SAME), act(ActivationFunction.RELU),
                new LayerSpec.BatchNorm(1e-3))));
        cases.add(Arguments.of("max pool", List.of(conv(8, 3, 1, Padding.SAME), act(ActivationFunction.RELU),
                new LayerSpec.MaxPool(2, 2, Padding.SAME))));
        cases.add(Arguments.of("dropout", List.of(conv(8, 3, 1, Padding.SAME), act(ActivationFunction.RELU),
                new LayerSpec.Dropout(0.25))));
        cases.add(Arguments.of("paper stage", List.of(conv(8, 2, 1, Padding.SAME), act(ActivationFunction.SWISH),
                conv(8, 2, 1, Padding.SAME), act(ActivationFunction.SWISH), new LayerSpec.BatchNorm(1e-3),
                new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.4))));
        return cases.stream();
    }

    /** The stage layers given, then Flatten → Dense 16 → relu → BatchNorm → Dropout 0.5 → Dense 2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void lossFalls(String name, List<LayerSpec> stage) {
        List<LayerSpec> layers = new ArrayList<>(stage);
        layers.add(new LayerSpec.Flatten());
        layers.add(new LayerSpec.Dense(16));
        layers.add(act(ActivationFunction.RELU));
        layers.add(new LayerSpec.BatchNorm(1e-3));
        layers.add(new LayerSpec.Dropout(0.5));
        layers.add(new LayerSpec.Dense(2));
        ModelSpec spec = new ModelSpec(Shape.of(8, 8, 1), 2, layers);
        ImageSet data = TestImages.stripes(8, 8, 1, 64, 5L);
        try (TrainingSession session = backend.open(spec, new TrainingConfig(6, 16, 0.003, 11L, null))) {
            List<EpochMetrics> epochs = new ArrayList<>();
            for (int e = 1; e <= 6; e++) {
                epochs.add(session.trainEpoch(e, data, null, TrainingListener.NONE));
            }
            double first = epochs.get(0).loss();
            double last = (epochs.get(4).loss() + epochs.get(5).loss()) / 2;
            assertThat(last).as("%s: epoch losses %s", name, epochs.stream().map(EpochMetrics::loss).toList())
                    .isLessThan(0.75 * first);
        }
    }

    private static LayerSpec conv(int filters, int k, int stride, Padding padding) {
        return new LayerSpec.Conv2D(filters, k, stride, padding);
    }

    private static LayerSpec act(ActivationFunction f) {
        return LayerSpec.Activation.of(f);
    }
}
