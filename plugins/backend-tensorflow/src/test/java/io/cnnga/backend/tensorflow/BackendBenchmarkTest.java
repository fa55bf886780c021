package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark reports consistent numbers; the MatMul peak is measured. */
class BackendBenchmarkTest {

    static ModelSpec small() {
        return new ModelSpec(Shape.of(28, 28, 1), 10, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Flatten(), new LayerSpec.Dense(10)));
    }

    @Test
    void syntheticAndRealData() {
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            BackendBenchmark.Result r = BackendBenchmark.run(backend, small(), 16, 4, null);
            assertThat(r.data()).isEqualTo("synthetic");
            assertThat(r.batch()).isEqualTo(16);
            assertThat(r.steps()).isEqualTo(4);
            assertThat(r.trainImagesPerSecond()).isPositive();
            assertThat(r.evalImagesPerSecond()).isPositive();
            assertThat(r.forwardFlopsPerImage()).isEqualTo(small().forwardFlops());
            assertThat(r.trainGflops()).isCloseTo(3.0 * r.forwardFlopsPerImage() * r.trainImagesPerSecond() / 1e9,
                    within(1e-9));

            ImageSet named = new ImageSet(io.cnnga.api.DataInfo.of("fashion-mnist", 28, 28, 1, 10),
                    new byte[10 * 784], new int[10]);
            assertThat(BackendBenchmark.run(backend, small(), 8, 3, named).data()).isEqualTo("fashion-mnist");

            double peak = backend.peakGflops().orElseThrow();
            System.out.printf("MatMul peak %.1f GFLOP/s%n", peak);
            assertThat(peak).isPositive();
            assertThat(backend.peakGflops().orElseThrow()).isEqualTo(peak);
        }
    }

    @Test
    void syntheticDataHaveTheNetworksShape() {
        ImageSet s = BackendBenchmark.synthetic(ReferenceNetworks.refA(), 100, 1);
        assertThat(s.size()).isEqualTo(100);
        assertThat(s.info().height()).isEqualTo(28);
        assertThat(s.info().classes()).isEqualTo(10);
        assertThat(BackendBenchmark.take(s, 250).size()).isEqualTo(250);
    }
}
