package io.cnnga.dataset.imagefolder;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Plugin;

import java.util.List;

/**
 * Contributes the {@value ImageFolderDatasetFactory#ID} dataset; found by
 * {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
 *     plugin.datasets();   // from this JAR: [image-folder]
 * }
 * }</pre>
 */
public final class ImageFolderPlugin implements Plugin {

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new ImageFolderDatasetFactory());
    }
}
