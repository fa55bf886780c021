package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.BatchNormStatistics;
import io.cnnga.api.DeviceChoice;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options are read key by key and every mistake names its JSON path (no natives needed). */
class TensorFlowOptionsTest {

    private static Options options(Map<String, ?> values) {
        return Options.of("backend.options", values);
    }

    @Test
    void defaults() {
        TensorFlowOptions o = TensorFlowOptions.consume(Options.empty("backend.options"));
        assertThat(o).isEqualTo(TensorFlowOptions.defaults());
        assertThat(o.device()).isEqualTo("auto");
        assertThat(o.threads()).isZero();
        assertThat(o.batchNormMomentum()).isEqualTo(0.9);
        assertThat(o.batchNormStatistics()).isEqualTo(BatchNormStatistics.RECOMPUTED);
        assertThat(o.seed()).isNull();
        assertThat(o.seedFor(42)).isEqualTo(42);
    }

    @Test
    void everyOption() {
        TensorFlowOptions o = TensorFlowOptions.consume(options(Map.of(
                "device", "gpu:1", "threads", 2, "batchNormMomentum", 0.99, "batchNormStatistics", "moving", "seed", 7)));
        assertThat(o).isEqualTo(new TensorFlowOptions("gpu:1", 2, 0.99, BatchNormStatistics.MOVING, 7L));
        assertThat(o.seedFor(42)).isEqualTo(7);
    }

    @Test
    void opsArePinnedToTheDeviceChosenAndAutoLeavesItToTensorFlow() {
        try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
            org.tensorflow.op.Ops ops = org.tensorflow.op.Ops.create(g);
            assertThat(((org.tensorflow.GraphOperation) DevicePlacement.on(ops, DeviceChoice.AUTO).withName("a")
                    .constant(1f).op()).device()).isEmpty();
            assertThat(((org.tensorflow.GraphOperation) DevicePlacement.on(ops, DeviceChoice.CPU).withName("c")
                    .constant(1f).op()).device()).isEqualTo("/device:CPU:0");
            assertThat(((org.tensorflow.GraphOperation) DevicePlacement.on(ops, DeviceChoice.parse("gpu:3")).withName("g")
                    .constant(1f).op()).device()).isEqualTo("/device:GPU:3");
        }
    }

    @Test
    void badValuesNameTheirPath() {
        assertThatThrownBy(() -> TensorFlowOptions.consume(options(Map.of("device", "tpu"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("backend.options.device: unknown device \"tpu\"");
        assertThatThrownBy(() -> TensorFlowOptions.consume(options(Map.of("threads", -1))))
                .hasMessageStartingWith("backend.options.threads:");
        assertThatThrownBy(() -> TensorFlowOptions.consume(options(Map.of("batchNormMomentum", 1.0))))
                .hasMessageStartingWith("backend.options.batchNormMomentum: must be at least 0 and less than 1");
        assertThatThrownBy(() -> TensorFlowOptions.consume(options(Map.of("seed", "x"))))
                .hasMessageStartingWith("backend.options.seed: must be an integer");
    }

    @Test
    void unknownKeyNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> TensorFlowOptions.consume(options(Map.of("thread", 2))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("backend.options.thread: unknown option; accepted: device, threads, batchNormMomentum, batchNormStatistics, seed");
    }
}
