package io.cnnga.backend.pytorch;

import io.cnnga.api.BackendFactory;
import io.cnnga.api.Plugin;
import java.util.List;

/**
 * The PyTorch backend's entry in {@code META-INF/services/io.cnnga.api.Plugin}.
 *
 * <pre>{@code
 * ServiceLoader.load(Plugin.class)   // finds this; listing it loads no native library
 * }</pre>
 */
public final class PyTorchPlugin implements Plugin {

    @Override
    public List<BackendFactory> backends() {
        return List.of(new PyTorchBackendFactory());
    }
}
