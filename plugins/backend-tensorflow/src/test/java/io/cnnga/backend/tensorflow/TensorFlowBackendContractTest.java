package io.cnnga.backend.tensorflow;

import io.cnnga.api.BackendFactory;
import io.cnnga.testkit.BackendContract;
import java.util.Map;

/**
 * The TensorFlow backend keeps the plugin kit's backend contract on the CPU, in the precision
 * {@code auto} picks (bfloat16 on a CPU that has it).
 */
class TensorFlowBackendContractTest extends BackendContract {

    @Override
    protected BackendFactory factory() {
        return new TensorFlowBackendFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("device", "cpu");
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("device", "tpu", "threads", -1, "batchNormMomentum", 1.5, "precision", "fp8");
    }
}
