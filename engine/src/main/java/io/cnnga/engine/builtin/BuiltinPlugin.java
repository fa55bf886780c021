package io.cnnga.engine.builtin;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.Plugin;
import io.cnnga.engine.executor.LocalExecutorFactory;

import java.util.List;

/**
 * The plugins that ship inside the engine itself.
 *
 * <pre>{@code
 * "dataset": { "id": "synthetic" }
 * }</pre>
 */
public final class BuiltinPlugin implements Plugin {

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new SyntheticDatasetFactory());
    }

    @Override
    public List<ExecutorFactory> executors() {
        return List.of(new LocalExecutorFactory());
    }
}
