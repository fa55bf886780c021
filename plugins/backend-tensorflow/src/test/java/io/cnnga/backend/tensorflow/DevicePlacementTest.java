package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.support.DeviceChoice;
import org.junit.jupiter.api.Test;

class DevicePlacementTest {

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
}
