package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The MatMul peak that {@code bench --peak} prints is measured once per backend and kept. */
class PeakGflopsTest {

    @Test
    void thePeakIsMeasuredOnceAndKept() {
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            double peak = backend.peakGflops().orElseThrow();
            System.out.printf("MatMul peak %.1f GFLOP/s%n", peak);
            assertThat(peak).isPositive();
            assertThat(backend.peakGflops().orElseThrow()).isEqualTo(peak);
        }
    }
}
