package io.cnnga.backend.pytorch;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.Options;

/**
 * Creates the {@code pytorch} backend from a plan's {@code backend.options} ({@code device},
 * {@code threads}, {@code batchNormMomentum}, {@code batchNormStatistics}, {@code seed}; see {@link BackendOptions}).
 *
 * <pre>{@code
 * Backend torch = new PyTorchBackendFactory().create(Options.of("backend.options", Map.of("device", "cpu")));
 * }</pre>
 *
 * <p>Constructing the factory and asking its id load nothing native; {@link #create} loads
 * libtorch.
 */
public final class PyTorchBackendFactory implements BackendFactory {

    public static final String ID = "pytorch";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PyTorch 2.7.1 through DJL 0.36; CPU libtorch bundled, a CUDA one via PYTORCH_LIBRARY_PATH; exports safetensors";
    }

    @Override
    public Backend create(Options options) {
        return new PyTorchBackend(BackendOptions.consume(options));
    }
}
