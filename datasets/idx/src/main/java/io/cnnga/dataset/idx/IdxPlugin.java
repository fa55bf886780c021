package io.cnnga.dataset.idx;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Plugin;

import java.util.List;

/**
 * Contributes the idx datasets, {@value FashionMnistDatasetFactory#ID} and
 * {@value MnistDatasetFactory#ID}; found by {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
 *     plugin.datasets();   // from this JAR: [fashion-mnist, mnist]
 * }
 * }</pre>
 */
public final class IdxPlugin implements Plugin {

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new FashionMnistDatasetFactory(), new MnistDatasetFactory());
    }
}
