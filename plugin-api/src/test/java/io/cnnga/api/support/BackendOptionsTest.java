package io.cnnga.api.support;

import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options are read key by key and every mistake names its JSON path . */
class BackendOptionsTest {

    private static Options options(Map<String, ?> values) {
        return Options.of("backend.options", values);
    }

    @Test
    void defaults() {
        BackendOptions o = BackendOptions.consume(Options.empty("backend.options"));
        assertThat(o).isEqualTo(BackendOptions.defaults());
        assertThat(o.device()).isEqualTo("auto");
        assertThat(o.threads()).isZero();
        assertThat(o.batchNormMomentum()).isEqualTo(0.9);
        assertThat(o.batchNormStatistics()).isEqualTo(BatchNormStatistics.RECOMPUTED);
        assertThat(o.seed()).isNull();
        assertThat(o.seedFor(42)).isEqualTo(42);
        assertThat(o.precision()).isEqualTo(PrecisionChoice.AUTO);
        // options built in code without a precision keep training in float32
        assertThat(new BackendOptions("auto", 0, 0.9, BatchNormStatistics.RECOMPUTED, null).precision())
                .isEqualTo(PrecisionChoice.FP32);
    }

    @Test
    void everyOption() {
        BackendOptions o = BackendOptions.consume(options(Map.of(
                "device", "gpu:1", "threads", 2, "batchNormMomentum", 0.99, "batchNormStatistics", "moving", "seed", 7,
                "precision", "bf16")));
        assertThat(o).isEqualTo(new BackendOptions("gpu:1", 2, 0.99, BatchNormStatistics.MOVING, 7L, PrecisionChoice.BF16));
        assertThat(o.withPrecision(PrecisionChoice.FP32).precision()).isEqualTo(PrecisionChoice.FP32);
        assertThat(o.seedFor(42)).isEqualTo(7);
    }

    @Test
    void badValuesNameTheirPath() {
        assertThatThrownBy(() -> BackendOptions.consume(options(Map.of("device", "tpu"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("backend.options.device: unknown device \"tpu\"");
        assertThatThrownBy(() -> BackendOptions.consume(options(Map.of("threads", -1))))
                .hasMessageStartingWith("backend.options.threads:");
        assertThatThrownBy(() -> BackendOptions.consume(options(Map.of("batchNormMomentum", 1.0))))
                .hasMessageStartingWith("backend.options.batchNormMomentum: must be at least 0 and less than 1");
        assertThatThrownBy(() -> BackendOptions.consume(options(Map.of("seed", "x"))))
                .hasMessageStartingWith("backend.options.seed: must be an integer");
        assertThatThrownBy(() -> BackendOptions.consume(options(Map.of("precision", "fp8"))))
                .hasMessage("backend.options.precision: must be one of fp32, bf16, auto, was \"fp8\"");
    }

    @Test
    void unknownKeyNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> BackendOptions.consume(options(Map.of("thread", 2))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("backend.options.thread: unknown option; accepted: device, threads, batchNormMomentum, batchNormStatistics, seed, precision");
    }
}
