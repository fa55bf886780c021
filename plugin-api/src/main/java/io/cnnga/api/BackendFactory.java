package io.cnnga.api;

/**
 * Creates {@link Backend}s; registered through {@link Plugin#backends()}.
 *
 * <pre>{@code
 * Backend backend = factory.create(Options.of("backend.options", Map.of("device", "cpu")));
 * }</pre>
 */
public interface BackendFactory extends PluginFactory<Backend> {
}
