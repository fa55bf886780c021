package io.cnnga.backend.pytorch;

import io.cnnga.api.BackendFactory;
import io.cnnga.testkit.BackendContract;
import java.util.Map;

/**
 * The PyTorch backend keeps the plugin kit's backend contract on the CPU, in float32 (it refuses
 * bfloat16).
 */
class PyTorchBackendContractTest extends BackendContract {

    @Override
    protected BackendFactory factory() {
        return new PyTorchBackendFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("device", "cpu");
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("device", "tpu", "threads", -1, "batchNormMomentum", 1.5, "precision", "bf16");
    }
}
