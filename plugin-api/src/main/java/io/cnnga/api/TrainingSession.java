package io.cnnga.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One network being trained by a backend; holds its native resources until closed.
 *
 * <pre>{@code
 * try (TrainingSession session = backend.open(spec, config)) {
 *     for (int epoch = 1; epoch <= config.epochs(); epoch++) {
 *         EpochMetrics m = session.trainEpoch(epoch, splits.train(), splits.validation(), listener);
 *     }
 *     Evaluation test = session.evaluate(splits.test());
 *     session.export(Path.of("runs/x/model"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe. Failures of the framework surface as {@link TrainingFailedException}.
 */
public interface TrainingSession extends AutoCloseable {

    /**
     * One pass over {@code train} in shuffled batches (seeded by the config's seed and the epoch),
     * then a measurement on {@code validation}. The config's checkpoints that fall in this epoch
     * are measured on the way and reported to {@code listener} ({@link TrainingListener} says when,
     * and what a stop requested there does). The built-in backends implement it once, in
     * {@code io.cnnga.api.support.TrainingLoop}.
     *
     * @throws TrainingFailedException when the loss becomes NaN or infinite, or the framework fails
     */
    EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener listener);

    /** Loss, accuracy and predictions of the network as it is now, in inference mode. */
    Evaluation evaluate(ImageSet data);

    /**
     * Writes the network in the backend's portable format (TensorFlow: a SavedModel whose
     * {@code serving_default} signature maps {@code images} [N, H, W, C] to {@code probabilities}).
     */
    void export(Path directory);

    /**
     * The network's variables as they are now, layer by layer in network order (for the
     * report's and TensorBoard's histograms); empty when the backend does not expose them.
     * Costs a copy of every weight: call it once per epoch, not per step.
     */
    default List<LayerParameter> parameters() {
        return List.of();
    }

    /**
     * As {@link #parameters()}, for the named layers only ({@code conv2d}, {@code conv2d_1}, ...):
     * a backend copies just those, so watching the conv layers of a large network stays cheap.
     */
    default List<LayerParameter> parameters(Set<String> layers) {
        return parameters().stream().filter(p -> layers.contains(p.layer())).toList();
    }

    /**
     * How long the network takes to classify one image, at batch 1 on the session's device, in
     * inference mode; empty when the backend does not measure it. Costs a few dozen forward passes.
     */
    default java.util.Optional<InferenceLatency> inferenceLatency() {
        return java.util.Optional.empty();
    }

    /**
     * What this session's convolutions and matrix products compute in; {@link Precision#FP32} for
     * a backend that knows no other.
     */
    default Precision precision() {
        return Precision.FP32;
    }

    /**
     * Releases every native resource; afterwards every other method throws
     * {@link IllegalStateException}, and closing again does nothing.
     */
    @Override
    void close();
}
