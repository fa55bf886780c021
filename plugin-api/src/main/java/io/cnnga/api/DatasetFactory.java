package io.cnnga.api;

/**
 * Creates {@link Dataset}s; registered through {@link Plugin#datasets()}.
 *
 * <pre>{@code
 * Dataset data = factory.create(Options.of("dataset.options", Map.of("path", "/data/mnist")));
 * }</pre>
 */
public interface DatasetFactory extends PluginFactory<Dataset> {
}
