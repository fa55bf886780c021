package io.cnnga.engine.report;

import io.cnnga.api.Backend;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.EventLog;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout of {@code tensorboard/}, with a backend whose event logs record what they are told. */
class TensorBoardLogsTest {

    @TempDir
    Path dir;

    /** "relative/dir tag@step=value" per write, in order. */
    final List<String> writes = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Backend recording(boolean failing) {
        return new Backend() {
            @Override
            public TrainingSession open(ModelSpec spec, TrainingConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<EventLog> eventLog(Path directory) {
                if (failing) {
                    throw new UncheckedIOException(new IOException("disk full"));
                }
                try {
                    Files.createDirectories(directory);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String where = dir.relativize(directory).toString();
                return Optional.of(new EventLog() {
                    @Override
                    public void scalar(String tag, long step, double value) {
                        writes.add(where + " " + tag + "@" + step + "=" + value);
                    }

                    @Override
                    public void histogram(String tag, long step, float[] values) {
                        writes.add(where + " " + tag + "@" + step + " histogram of " + values.length);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                });
            }
        };
    }

    static TrialResult result(int generation, int index, TrialStatus status, int epochs) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, 1.0 / e, 0.5, 2.0 / e, 0.25 * e, 1, 100, true));
        }
        return new TrialResult(generation, index, Genome.of("0101"), status, 0.5, history, 10, 20, 1, "");
    }

    @Test
    void trialsGetTrainAndValidationRunsOnceAndCachedOnesNone() {
        TensorBoardLogs logs = new TensorBoardLogs(recording(false), dir, warnings::add);
        logs.trials(List.of(result(0, 0, TrialStatus.COMPLETE, 2), result(0, 1, TrialStatus.CACHED, 2),
                result(0, 2, TrialStatus.FAILED, 0)));
        assertThat(writes).containsExactly(
                "tensorboard/gen-00-trial-00/train epoch_loss@1=1.0",
                "tensorboard/gen-00-trial-00/train epoch_accuracy@1=0.5",
                "tensorboard/gen-00-trial-00/train epoch_seconds@1=1.0",
                "tensorboard/gen-00-trial-00/train epoch_images_per_second@1=100.0",
                "tensorboard/gen-00-trial-00/validation epoch_loss@1=2.0",
                "tensorboard/gen-00-trial-00/validation epoch_accuracy@1=0.25",
                "tensorboard/gen-00-trial-00/train epoch_loss@2=0.5",
                "tensorboard/gen-00-trial-00/train epoch_accuracy@2=0.5",
                "tensorboard/gen-00-trial-00/train epoch_seconds@2=1.0",
                "tensorboard/gen-00-trial-00/train epoch_images_per_second@2=100.0",
                "tensorboard/gen-00-trial-00/validation epoch_loss@2=1.0",
                "tensorboard/gen-00-trial-00/validation epoch_accuracy@2=0.5");
        writes.clear();
        // a resumed run replays the generation: what is there stays
        logs.trials(List.of(result(0, 0, TrialStatus.COMPLETE, 2)));
        assertThat(writes).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void finalLogsHoldScalarsHistogramsAndTheTestAndReplaceAnInterruptedAttempt() throws IOException {
        Path stale = Files.createDirectories(dir.resolve("tensorboard/final/train")).resolve("events.out.tfevents.1.old");
        Files.writeString(stale, "left by a killed final training");
        TensorBoardLogs logs = new TensorBoardLogs(recording(false), dir, warnings::add);
        try (TensorBoardLogs.FinalLogs board = logs.openFinal()) {
            assertThat(stale).doesNotExist();
            board.epoch(new EpochMetrics(1, 0.9, 0.6, 1.1, 0.55, 3, 50, true),
                    List.of(new LayerParameter("conv2d", "bias", new float[8]),
                            new LayerParameter("conv2d", "kernel", new float[72])));
            board.test(1, new Evaluation(1.2, 0.5, new int[0]));
        }
        assertThat(writes).contains("tensorboard/final/train conv2d/bias@1 histogram of 8",
                "tensorboard/final/train conv2d/kernel@1 histogram of 72",
                "tensorboard/final/validation epoch_accuracy@1=0.55",
                "tensorboard/final/test epoch_accuracy@1=0.5");
    }

    @Test
    void aFailingBackendIsReportedOnceAndNeverThrows() {
        TensorBoardLogs logs = new TensorBoardLogs(recording(true), dir, warnings::add);
        logs.trials(List.of(result(0, 0, TrialStatus.COMPLETE, 1), result(0, 1, TrialStatus.COMPLETE, 1)));
        logs.generation(0, 0.5, 0.4);
        try (TensorBoardLogs.FinalLogs board = logs.openFinal()) {
            board.epoch(new EpochMetrics(1, 0.9, 0.6, 1.1, 0.55, 3, 50, true), List.of());
        }
        assertThat(warnings).singleElement().asString().contains("TensorBoard logs are no longer written")
                .contains("disk full");
    }

    @Test
    void aBackendWithoutEventLogsWritesNothing() {
        Backend none = (spec, config) -> {
            throw new UnsupportedOperationException();
        };
        TensorBoardLogs logs = new TensorBoardLogs(none, dir, warnings::add);
        logs.trials(List.of(result(0, 0, TrialStatus.COMPLETE, 1)));
        logs.generation(0, 0.5, 0.4);
        try (TensorBoardLogs.FinalLogs board = logs.openFinal()) {
            board.epoch(new EpochMetrics(1, 0.9, 0.6, 1.1, 0.55, 3, 50, true), List.of());
        }
        assertThat(warnings).isEmpty();
        assertThat(dir.resolve("tensorboard/gen-00-trial-00")).doesNotExist();
    }
}
