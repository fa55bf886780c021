package io.cnnga.api;

/**
 * Creates {@link Executor}s; registered through {@link Plugin#executors()}.
 *
 * <pre>{@code
 * Executor executor = factory.create(Options.of("executor.options", Map.of("workers", 2)));
 * }</pre>
 */
public interface ExecutorFactory extends PluginFactory<Executor> {
}
