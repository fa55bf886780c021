package io.cnnga.api;

/**
 * A network a backend exported, loaded back for inference: float32 NHWC pixels in, class
 * probabilities out. Holds the framework's native resources until closed.
 *
 * <pre>{@code
 * try (Predictor p = backend.load(Path.of("runs/quick/model"), spec)) {
 *     float[] probabilities = p.probabilities(images, 32);   // [32 × classes], each row sums to 1
 * }
 * }</pre>
 *
 * <p>Inference mode: batch norm with its stored statistics, no dropout. Not thread-safe.
 */
public interface Predictor extends AutoCloseable {

    /**
     * The class probabilities of {@code count} images.
     *
     * @param nhwc  {@code count × H × W × C} pixels in [0, 1], the network's input shape, row-major
     * @param count images in the batch, at least 1
     * @return {@code count × classes} probabilities, row-major
     * @throws IllegalArgumentException when {@code nhwc} does not hold {@code count} images of the input shape
     * @throws TrainingFailedException  when the framework fails
     */
    float[] probabilities(float[] nhwc, int count);

    /** Releases every native resource; the predictor is unusable afterwards. */
    @Override
    void close();
}
