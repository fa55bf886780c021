package io.cnnga.engine.report;

import io.cnnga.api.Backend;
import io.cnnga.api.EventLog;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a run's TensorBoard event files come from: the plan's backend when it writes them, or
 * else a stand-in backend that does (the default, {@code tensorflow}), so that a run on a backend
 * without event files (PyTorch) still opens in TensorBoard.
 *
 * <pre>{@code
 * try (EventLogWriter writer = EventLogWriter.withStandIn(torch,
 *         () -> Optional.of(registry.backend(PluginChoice.of("tensorflow"))))) {
 *     writer.open(dir.resolve("tensorboard/search")).ifPresent(log -> log.scalar("best", 0, 0.8));
 * }
 * }</pre>
 *
 * <p>The stand-in is created on the first log the plan's backend cannot write, and closed with
 * this writer; it only writes summaries, it never trains.
 */
public final class EventLogWriter implements AutoCloseable {

    private final Backend planBackend;
    private final Supplier<Optional<Backend>> standInFactory;
    private boolean planBackendWrites = true;
    private Optional<Backend> standIn;

    private EventLogWriter(Backend planBackend, Supplier<Optional<Backend>> standInFactory) {
        this.planBackend = planBackend;
        this.standInFactory = standInFactory;
    }

    /** Event files from {@code backend} alone; none when it writes none. */
    public static EventLogWriter of(Backend backend) {
        return new EventLogWriter(backend, Optional::empty);
    }

    /** Event files from {@code planBackend}, or from the backend {@code standIn} gives when it writes none. */
    public static EventLogWriter withStandIn(Backend planBackend, Supplier<Optional<Backend>> standIn) {
        return new EventLogWriter(planBackend, standIn);
    }

    /** A log writing into {@code directory}, or empty when no backend here writes event files. */
    public Optional<EventLog> open(Path directory) {
        if (planBackendWrites) {
            Optional<EventLog> log = planBackend.eventLog(directory);
            if (log.isPresent()) {
                return log;
            }
            planBackendWrites = false;
        }
        if (standIn == null) {
            standIn = standInFactory.get();
        }
        return standIn.flatMap(b -> b.eventLog(directory));
    }

    @Override
    public void close() {
        if (standIn != null) {
            standIn.ifPresent(Backend::close);
        }
    }
}
