package io.cnnga.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.Backend;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.ReferenceNetworks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sessions an interleaved measurement closes, and which failure it reports, when something throws. */
class BenchmarkSessionsTest {

    private static final ModelSpec SPEC = ReferenceNetworks.refA();
    private static final ImageSet IMAGES = new ImageSet(ReferenceNetworks.FASHION_MNIST, new byte[64 * 28 * 28], new int[64]);

    /** What {@link RecordingBackend}'s sessions do wrong, if anything. */
    private enum Fault { NONE, OPEN, TRAIN, CLOSE }

    /**
     * A test helper: a backend whose sessions train instantly and record their closing, and that
     * fails in the one place it is told to.
     */
    private static final class RecordingBackend implements Backend {
        private final String name;
        private final Fault fault;
        private final List<String> closed;

        RecordingBackend(String name, Fault fault, List<String> closed) {
            this.name = name;
            this.fault = fault;
            this.closed = closed;
        }

        @Override
        public TrainingSession open(ModelSpec spec, TrainingConfig config) {
            if (fault == Fault.OPEN) {
                throw new IllegalStateException(name + " cannot open");
            }
            return new TrainingSession() {
                @Override
                public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener listener) {
                    if (fault == Fault.TRAIN && epoch > 1) {
                        throw new IllegalStateException(name + " failed to train");
                    }
                    return new EpochMetrics(epoch, 1, 0.5, 1, 0.5, 0.01, 1000, true);
                }

                @Override
                public Evaluation evaluate(ImageSet data) {
                    return new Evaluation(1, 0.5, new int[data.size()]);
                }

                @Override
                public void export(Path directory) {
                }

                @Override
                public void close() {
                    closed.add(name);
                    if (fault == Fault.CLOSE) {
                        throw new IllegalStateException(name + " failed to close");
                    }
                }
            };
        }
    }

    private static List<BenchmarkResult> measure(List<Benchmark> benchmarks) {
        return Benchmark.interleaved(benchmarks, "ref-a", SPEC, IMAGES, 8, 4, "zeros");
    }

    private static Benchmark benchmark(String name, Fault fault, List<String> closed) {
        return new Benchmark(name, new RecordingBackend(name, fault, closed));
    }

    @Test
    void everySessionIsClosedOnceAfterAMeasurementThatSucceeds() {
        List<String> closed = new ArrayList<>();
        List<BenchmarkResult> results = measure(List.of(benchmark("a", Fault.NONE, closed), benchmark("b", Fault.NONE, closed)));
        assertThat(results).extracting(BenchmarkResult::backend).containsExactly("a", "b");
        assertThat(closed).containsExactly("b", "a");
    }

    @Test
    void aSessionThatFailsToCloseDoesNotKeepTheOthersOpen() {
        List<String> closed = new ArrayList<>();
        assertThatThrownBy(() -> measure(List.of(benchmark("a", Fault.NONE, closed), benchmark("b", Fault.CLOSE, closed),
                benchmark("c", Fault.NONE, closed))))
                .hasMessage("b failed to close");
        assertThat(closed).containsExactly("c", "b", "a");
    }

    @Test
    void aFailureWhileMeasuringIsReportedWithAFailingCloseSuppressedBehindIt() {
        List<String> closed = new ArrayList<>();
        assertThatThrownBy(() -> measure(List.of(benchmark("a", Fault.TRAIN, closed), benchmark("b", Fault.CLOSE, closed))))
                .hasMessage("a failed to train")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b failed to close"));
        assertThat(closed).containsExactly("b", "a");
    }

    @Test
    void aSessionThatFailsToOpenClosesThoseOpenedBeforeIt() {
        List<String> closed = new ArrayList<>();
        assertThatThrownBy(() -> measure(List.of(benchmark("a", Fault.NONE, closed), benchmark("b", Fault.OPEN, closed))))
                .hasMessage("b cannot open");
        assertThat(closed).containsExactly("a");
    }
}
