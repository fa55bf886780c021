package io.cnnga.engine.executor;

import java.util.Map;

/** The {@code local} executor keeps the plugin kit's executor contract running one trial at a time. */
class OneWorkerLocalExecutorContractTest extends LocalExecutorContractTest {

    @Override
    protected Map<String, Object> options() {
        return Map.of();
    }
}
