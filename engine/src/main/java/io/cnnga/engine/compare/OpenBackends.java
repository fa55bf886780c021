package io.cnnga.engine.compare;

import io.cnnga.api.Backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The backends a comparison trains on: opened in the order given, closed together.
 *
 * <pre>{@code
 * try (OpenBackends backends = OpenBackends.open(List.of("tensorflow", "pytorch"), id -> registry.backend(PluginChoice.of(id)))) {
 *     new BackendComparison(..., backends.byId(), console).run(genomes);
 * }
 * }</pre>
 *
 * @implSpec {@link #close()} closes every backend, the last opened first, even when one of them
 * fails to close; it throws the first such failure with the later ones suppressed. Used in a
 * try-with-resources, a failure of the comparison itself therefore stays the one reported. When
 * a backend fails to open, those already open are closed before the failure is thrown. Not
 * thread-safe.
 */
public final class OpenBackends implements AutoCloseable {

    private final Map<String, Backend> byId;

    private OpenBackends(Map<String, Backend> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Opens one backend per id, in order.
     *
     * @param opener creates the backend of an id; what it throws is thrown after the backends
     *               already opened are closed
     */
    public static OpenBackends open(List<String> ids, Function<String, Backend> opener) {
        Map<String, Backend> growing = new LinkedHashMap<>();
        try {
            for (String id : ids) {
                growing.put(id, opener.apply(id));
            }
        } catch (RuntimeException | Error e) {
            try {
                new OpenBackends(growing).close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new OpenBackends(growing);
    }

    /** The open backends by id, in the order they were opened. */
    public Map<String, Backend> byId() {
        return byId;
    }

    @Override
    public void close() {
        List<Backend> lastFirst = new ArrayList<>(byId.values());
        Collections.reverse(lastFirst);
        RuntimeException first = null;
        for (Backend backend : lastFirst) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
