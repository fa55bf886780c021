package io.cnnga.engine.executor;

import io.cnnga.api.ExecutorFactory;
import io.cnnga.testkit.ExecutorContract;
import java.util.List;
import java.util.Map;

/**
 * The {@code local} executor keeps the plugin kit's executor contract with three threads (trials
 * finish out of order) and with one.
 */
class LocalExecutorContractTest extends ExecutorContract {

    @Override
    protected ExecutorFactory factory() {
        return new LocalExecutorFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("workers", 3);
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("workers", 0, "devices", List.of("tpu:0"), "isolation", "fiber", "trialTimeout", -1);
    }
}
