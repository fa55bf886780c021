package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSpec.Activation;
import io.cnnga.api.LayerSpec.BatchNorm;
import io.cnnga.api.LayerSpec.Conv2D;
import io.cnnga.api.LayerSpec.Dense;
import io.cnnga.api.LayerSpec.Dropout;
import io.cnnga.api.LayerSpec.Flatten;
import io.cnnga.api.LayerSpec.MaxPool;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Precision;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.CpuFeatures;
import io.cnnga.api.support.PrecisionChoice;
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
 * Every layer kind, activation and kernel size 2/3/5/7 builds, trains a few steps on a learnable
 * task and its loss falls: gradients flow through each of them, in float32 and, on a CPU that
 * has it, in bfloat16 (every op then has a bfloat16 kernel).
 */
class LayerKindsTest {

    private static final int SIZE = 12;
    private static TensorFlowBackend float32;
    private static TensorFlowBackend bfloat16;

    @BeforeAll
    static void open() {
        float32 = Shapes.cpuBackend();
        bfloat16 = new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null,
                PrecisionChoice.BF16));
    }

    @AfterAll
    static void close() {
        float32.close();
        bfloat16.close();
    }

    private static LayerSpec conv(int filters, int kernel) {
        return new Conv2D(filters, kernel, 1, Padding.SAME);
    }

    private static Activation act(ActivationFunction f) {
        return Activation.of(f);
    }

    private static List<LayerSpec> head(LayerSpec... body) {
        List<LayerSpec> layers = new ArrayList<>(List.of(body));
        layers.add(new Flatten());
        layers.add(new Dense(4));
        return layers;
    }

    static Stream<Arguments> networks() {
        return kinds().flatMap(a -> Stream.of(Precision.FP32, Precision.BF16)
                .map(p -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], p)));
    }

    static Stream<Arguments> kinds() {
        ActivationFunction relu = ActivationFunction.RELU;
        return Stream.of(
                Arguments.of("conv kernel 2", 1, head(conv(8, 2), act(relu))),
                Arguments.of("conv kernel 3", 1, head(conv(8, 3), act(relu))),
                Arguments.of("conv kernel 5", 1, head(conv(8, 5), act(relu))),
                Arguments.of("conv kernel 7", 1, head(conv(8, 7), act(relu))),
                Arguments.of("conv VALID stride 2", 1, head(new Conv2D(8, 3, 2, Padding.VALID), act(relu))),
                Arguments.of("conv on 3 channels", 3, head(conv(8, 3), act(relu))),
                Arguments.of("relu", 1, head(conv(8, 3), act(ActivationFunction.RELU))),
                Arguments.of("elu", 1, head(conv(8, 3), act(ActivationFunction.ELU))),
                Arguments.of("elu alpha 0.5", 1, head(conv(8, 3), new Activation(ActivationFunction.ELU, 0.5))),
                Arguments.of("leaky_relu", 1, head(conv(8, 3), act(ActivationFunction.LEAKY_RELU))),
                Arguments.of("swish", 1, head(conv(8, 3), act(ActivationFunction.SWISH))),
                Arguments.of("batch norm on feature maps", 1, head(conv(8, 3), act(relu), new BatchNorm(1e-3))),
                Arguments.of("batch norm on features", 1, List.of(new Flatten(), new Dense(16), new BatchNorm(1e-3),
                        act(relu), new Dense(4))),
                Arguments.of("max pool SAME", 1, head(conv(8, 3), act(relu), new MaxPool(2, 2, Padding.SAME))),
                Arguments.of("max pool VALID 3/2", 1, head(conv(8, 3), act(relu), new MaxPool(3, 2, Padding.VALID))),
                Arguments.of("dropout", 1, List.of(conv(8, 3), act(relu), new Dropout(0.25), new Flatten(),
                        new Dense(16), act(relu), new Dropout(0.5), new Dense(4))),
                Arguments.of("flatten and dense", 1, List.of(new Flatten(), new Dense(16), act(relu), new Dense(4))),
                Arguments.of("paper stage", 1, head(conv(8, 3), act(ActivationFunction.SWISH), conv(8, 3),
                        act(ActivationFunction.SWISH), new BatchNorm(1e-3), new MaxPool(2, 2, Padding.SAME),
                        new Dropout(0.4))));
    }

    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("networks")
    void lossFalls(String name, int channels, List<LayerSpec> layers, Precision precision) {
        if (precision == Precision.BF16) {
            assumeTrue(CpuFeatures.current().fastBf16(), "this CPU has no avx512_bf16 or amx_bf16");
        }
        TensorFlowBackend backend = precision == Precision.BF16 ? bfloat16 : float32;
        ModelSpec spec = new ModelSpec(Shape.of(SIZE, SIZE, channels), 4, layers);
        ImageSet data = TestImages.quadrants(128, SIZE, channels, 3);
        List<Double> losses = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
                losses.add(loss);
            }
        };
        try (TrainingSession session = backend.open(spec, Shapes.config(16, 3e-3))) {
            assertThat(session.precision()).isEqualTo(precision);
            EpochMetrics last = null;
            for (int epoch = 1; epoch <= 3; epoch++) {
                last = session.trainEpoch(epoch, data, data, record);
            }
            assertThat(losses).hasSize(24);
            double first = (losses.get(0) + losses.get(1)) / 2;
            double end = losses.subList(20, 24).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(end).as("%s: loss of the last steps vs the first (%s)", name, losses).isLessThan(0.7 * first);
            assertThat(last.accuracy()).isGreaterThan(0.5);
        }
    }
}
