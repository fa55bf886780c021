package io.cnnga.api;

/**
 * A TensorBoard log directory being written: scalars and histograms by tag and step.
 *
 * <pre>{@code
 * try (EventLog log = backend.eventLog(dir.resolve("tensorboard/final/train")).orElseThrow()) {
 *     log.scalar("epoch_loss", 1, 0.42);
 *     log.histogram("conv2d/bias", 1, biasValues);
 * }
 * }</pre>
 *
 * <p>Backends that can write TensorBoard's event files offer one through
 * {@link Backend#eventLog(java.nio.file.Path)}. What was written is on disk once
 * {@link #close()} returns. Not thread-safe.
 */
public interface EventLog extends AutoCloseable {

    /** One value of the curve {@code tag} at {@code step}. */
    void scalar(String tag, long step, double value);

    /** The distribution of {@code values} (the log bins them) under {@code tag} at {@code step}. */
    void histogram(String tag, long step, float[] values);

    /** Writes everything buffered so far to the event file. */
    void flush();

    /** Flushes and releases the log; further calls fail. */
    @Override
    void close();
}
