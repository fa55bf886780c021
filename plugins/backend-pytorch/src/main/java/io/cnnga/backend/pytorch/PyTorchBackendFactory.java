package io.cnnga.backend.pytorch;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.support.PrecisionChoice;

/**
 * Creates the {@code pytorch} backend from a plan's {@code backend.options} ({@code device},
 * {@code threads}, {@code batchNormMomentum}, {@code batchNormStatistics}, {@code seed},
 * {@code precision}; see {@link BackendOptions}). {@code precision: bf16} is refused
 * ({@link PyTorchBackend#BF16_UNAVAILABLE}); {@code auto} means float32 here.
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

    /** @throws InvalidOptionException for {@code precision: bf16}, before libtorch is loaded */
    @Override
    public Backend create(Options options) {
        BackendOptions o = BackendOptions.consume(options);
        if (o.precision() == PrecisionChoice.BF16) {
            throw new InvalidOptionException(options.pathOf(PrecisionChoice.OPTION), PyTorchBackend.BF16_UNAVAILABLE);
        }
        return new PyTorchBackend(o);
    }
}
