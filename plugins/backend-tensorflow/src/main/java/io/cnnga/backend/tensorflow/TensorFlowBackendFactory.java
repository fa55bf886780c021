package io.cnnga.backend.tensorflow;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.Options;

/**
 * Creates the {@code tensorflow} backend from a plan's {@code backend.options}
 * ({@code device}, {@code threads}, {@code batchNormMomentum}, {@code batchNormStatistics}, {@code seed},
 * {@code precision}; see
 * {@link BackendOptions}).
 *
 * <pre>{@code
 * Backend tf = new TensorFlowBackendFactory().create(Options.of("backend.options", Map.of("device", "cpu")));
 * }</pre>
 *
 * <p>Constructing the factory and asking its id load nothing native; {@link #create} does.
 */
public final class TensorFlowBackendFactory implements BackendFactory {

    public static final String ID = "tensorflow";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TensorFlow Java 1.1 (TensorFlow 2.18) graph backend; CPU natives, GPU natives with -Pgpu; exports SavedModels";
    }

    @Override
    public Backend create(Options options) {
        return new TensorFlowBackend(BackendOptions.consume(options));
    }
}
