package io.cnnga.api;

import java.util.List;

/**
 * The one service a cnnga plugin JAR provides through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * public final class MyPlugin implements Plugin {
 *     @Override
 *     public List<DecoderFactory> decoders() {
 *         return List.of(new MyDecoderFactory());
 *     }
 * }
 * // META-INF/services/io.cnnga.api.Plugin contains: com.example.MyPlugin
 * }</pre>
 *
 * <p>Every method has a default that contributes nothing, so a plugin overrides only the kinds it
 * offers, and adding a kind here never breaks an existing plugin. Constructing a plugin and calling
 * these methods must be cheap: no native library may be loaded before a factory's
 * {@code create} is called.
 */
public interface Plugin {

    /** Decoders: genome to network. */
    default List<DecoderFactory> decoders() {
        return List.of();
    }

    /** Datasets: image sources with train, validation and test splits. */
    default List<DatasetFactory> datasets() {
        return List.of();
    }

    /** Backends: frameworks that train a {@link ModelSpec}. */
    default List<BackendFactory> backends() {
        return List.of();
    }

    /** Executors: strategies that run a generation's trials. */
    default List<ExecutorFactory> executors() {
        return List.of();
    }
}
