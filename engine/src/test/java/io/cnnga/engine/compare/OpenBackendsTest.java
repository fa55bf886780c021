package io.cnnga.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.Backend;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which backends a comparison closes, and which failure it reports, when something throws. */
class OpenBackendsTest {

    /**
     * A test helper: a backend that trains nothing, records its closing, and fails to close when
     * told to.
     */
    private record ClosingBackend(String name, boolean failsToClose, List<String> closed) implements Backend {
        @Override
        public TrainingSession open(ModelSpec spec, TrainingConfig config) {
            throw new UnsupportedOperationException("not trained in this test");
        }

        @Override
        public void close() {
            closed.add(name);
            if (failsToClose) {
                throw new IllegalStateException(name + " failed to close");
            }
        }
    }

    private static OpenBackends open(List<String> ids, Set<String> failingToClose, List<String> closed) {
        return OpenBackends.open(ids, id -> new ClosingBackend(id, failingToClose.contains(id), closed));
    }

    @Test
    void everyBackendIsClosedLastOpenedFirst() {
        List<String> closed = new ArrayList<>();
        try (OpenBackends backends = open(List.of("a", "b", "c"), Set.of(), closed)) {
            assertThat(backends.byId().keySet()).containsExactly("a", "b", "c");
        }
        assertThat(closed).containsExactly("c", "b", "a");
    }

    @Test
    void aBackendThatFailsToCloseDoesNotLeaveTheOthersOpen() {
        List<String> closed = new ArrayList<>();
        OpenBackends backends = open(List.of("a", "b", "c"), Set.of("c", "b"), closed);

        assertThatThrownBy(backends::close)
                .hasMessage("c failed to close")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("b failed to close"));
        assertThat(closed).containsExactly("c", "b", "a");
    }

    @Test
    void aFailingComparisonStaysTheFailureReportedWhenAClosingFailsToo() {
        List<String> closed = new ArrayList<>();

        assertThatThrownBy(() -> {
            try (OpenBackends backends = open(List.of("a", "b"), Set.of("a"), closed)) {
                throw new IllegalStateException("training failed");
            }
        }).hasMessage("training failed")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("a failed to close"));
        assertThat(closed).containsExactly("b", "a");
    }

    @Test
    void aBackendThatFailsToOpenClosesThoseAlreadyOpen() {
        List<String> closed = new ArrayList<>();

        assertThatThrownBy(() -> OpenBackends.open(List.of("a", "b", "c"), id -> {
            if (id.equals("c")) {
                throw new IllegalStateException("c cannot load its natives");
            }
            return new ClosingBackend(id, false, closed);
        })).hasMessage("c cannot load its natives");
        assertThat(closed).containsExactly("b", "a");
    }
}
