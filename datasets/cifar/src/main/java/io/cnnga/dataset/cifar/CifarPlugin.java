package io.cnnga.dataset.cifar;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Plugin;

import java.util.List;

/**
 * Contributes the CIFAR datasets, {@value Cifar10DatasetFactory#ID} and
 * {@value Cifar100DatasetFactory#ID}; found by {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
 *     plugin.datasets();   // from this JAR: [cifar10, cifar100]
 * }
 * }</pre>
 */
public final class CifarPlugin implements Plugin {

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new Cifar10DatasetFactory(), new Cifar100DatasetFactory());
    }
}
