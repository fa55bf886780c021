package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.Precision;
import org.junit.jupiter.api.Test;

/** The MatMul peaks that {@code bench --peak} prints are measured once per backend and precision, and kept. */
class PeakGflopsTest {

    @Test
    void eachPrecisionsPeakIsMeasuredOnceAndKept() {
        try (TensorFlowBackend backend = Shapes.cpuBackend()) {
            double fp32 = backend.peakGflops().orElseThrow();
            double bf16 = backend.peakGflops(Precision.BF16).orElseThrow();
            System.out.printf("MatMul peak %.1f GFLOP/s float32, %.1f GFLOP/s bfloat16%n", fp32, bf16);
            assertThat(fp32).isPositive();
            assertThat(bf16).isPositive();
            assertThat(backend.peakGflops(Precision.FP32).orElseThrow()).isEqualTo(fp32);
            assertThat(backend.peakGflops(Precision.BF16).orElseThrow()).isEqualTo(bf16);
        }
    }
}
