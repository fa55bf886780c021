package io.cnnga.api;

/**
 * A framework that trains {@link ModelSpec}s: TensorFlow, PyTorch, ...
 *
 * <pre>{@code
 * try (Backend backend = registry.backend("tensorflow").create(options);
 *      TrainingSession session = backend.open(spec, config)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Creating a backend may load native libraries; listing its factory must not. No native
 * handle ever leaves the backend: sessions take and give Java arrays.
 */
public interface Backend extends AutoCloseable {

    /**
     * Builds the network with fresh weights drawn from the config's seed.
     *
     * @throws TrainingFailedException when the framework cannot build it (e.g. out of memory)
     */
    TrainingSession open(ModelSpec spec, TrainingConfig config);

    /** The device this backend trains on when a config names none, in words (e.g. "cpu"). */
    default String defaultDevice() {
        return "cpu";
    }

    /**
     * The precision sessions on this backend's own device compute in ({@link TrainingSession#precision()}
     * of a session whose config names no device); {@link Precision#FP32} for a backend that knows no
     * other.
     */
    default Precision precision() {
        return Precision.FP32;
    }

    /**
     * The float32 matrix-multiply throughput this backend reaches on its device, in GFLOP/s, so
     * that {@code bench} can show what fraction of it a network achieves; empty if not measured.
     */
    default java.util.OptionalDouble peakGflops() {
        return java.util.OptionalDouble.empty();
    }

    /**
     * The matrix-multiply throughput in {@code precision} (both operands and the product), in
     * GFLOP/s; {@link #peakGflops()} for float32, empty where this backend does not measure it.
     */
    default java.util.OptionalDouble peakGflops(Precision precision) {
        return precision == Precision.FP32 ? peakGflops() : java.util.OptionalDouble.empty();
    }

    /**
     * A TensorBoard log writing event files into {@code directory} (created if needed), or empty
     * when this backend cannot write them; the engine then writes no TensorBoard logs.
     */
    default java.util.Optional<EventLog> eventLog(java.nio.file.Path directory) {
        return java.util.Optional.empty();
    }

    /**
     * The framework this backend trains with and its version, for model cards (e.g. TensorFlow
     * 2.18.0); {@link Framework#UNKNOWN} when the backend does not say. Cheap once the backend exists.
     */
    default Framework framework() {
        String name = getClass().getSimpleName();
        return new Framework(name.isEmpty() ? getClass().getName() : name, Framework.UNKNOWN);
    }

    /**
     * What {@link TrainingSession#export} writes, in one lower-case word a model card records
     * (the built-in backends: {@code savedmodel}, {@code safetensors}); {@link Framework#UNKNOWN}
     * when the backend does not say.
     */
    default String exportFormat() {
        return Framework.UNKNOWN;
    }

    /**
     * Loads a network that this backend's {@link TrainingSession#export} wrote into
     * {@code directory}, for inference on this backend's device. {@code spec} is the network as
     * it was trained (a backend whose format holds the graph checks it against it; one that stores
     * only the weights builds the network from it).
     *
     * @throws InvalidDataException          naming a file of the export that is missing, damaged, or
     *                                       does not match {@code spec}
     * @throws UnsupportedOperationException when this backend cannot load its exports
     */
    default Predictor load(java.nio.file.Path directory, ModelSpec spec) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot load its exports");
    }

    @Override
    default void close() {
    }
}
