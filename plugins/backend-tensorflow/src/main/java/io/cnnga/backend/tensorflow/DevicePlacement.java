package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.DeviceChoice;
import org.tensorflow.DeviceSpec;
import org.tensorflow.op.Ops;

/**
 * A {@link DeviceChoice} as TensorFlow places ops: {@code auto} leaves placement to TensorFlow,
 * {@code cpu} and {@code gpu:N} pin every op built with the returned {@link Ops}.
 *
 * <pre>{@code
 * Ops tf = DevicePlacement.on(Ops.create(graph), DeviceChoice.parse("gpu:1"));   // "/device:GPU:1"
 * }</pre>
 */
final class DevicePlacement {

    private DevicePlacement() {
    }

    static Ops on(Ops ops, DeviceChoice device) {
        if (device.kind() == DeviceChoice.Kind.AUTO) {
            return ops;
        }
        return ops.withDevice(DeviceSpec.newBuilder()
                .deviceType(device.isGpu() ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
                .deviceIndex(device.index()).build());
    }
}
