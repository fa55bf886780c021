package io.cnnga.engine.executor;

import io.cnnga.api.Executor;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.Options;

/**
 * Executor {@code local}: trains trials in this JVM, {@code workers} at a time (default 1).
 *
 * <pre>{@code
 * "executor": { "id": "local", "options": { "workers": 1 } }
 * }</pre>
 */
public final class LocalExecutorFactory implements ExecutorFactory {

    public static final String ID = "local";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "trains trials in this JVM, `workers` at a time";
    }

    @Override
    public Executor create(Options options) {
        int workers = options.integer("workers", 1, 1, 1024);
        options.finish();
        return new LocalExecutor(workers);
    }
}
