package io.cnnga.engine.report;

import io.cnnga.api.Backend;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.EventLog;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run's {@code tensorboard/} folder, for {@code tensorboard --logdir DIR/tensorboard}.
 *
 * <pre>{@code
 * TensorBoardLogs logs = new TensorBoardLogs(backend, runDir, console::message);
 * logs.trials(report.results());                 // after each generation
 * try (TensorBoardLogs.FinalLogs board = logs.openFinal()) {
 *     board.epoch(metrics, session.parameters(convLayers));
 * }
 * }</pre>
 *
 * <p>Laid out as Keras' TensorBoard callback lays out its logs (a {@code train} and a
 * {@code validation} run per model, tags {@code epoch_loss} and {@code epoch_accuracy}), so that
 * TensorBoard overlays training and validation curves:
 * <pre>
 * tensorboard/gen-00-trial-01/train        epoch_loss, epoch_accuracy, epoch_seconds, epoch_images_per_second
 * tensorboard/gen-00-trial-01/validation   epoch_loss, epoch_accuracy
 * tensorboard/search                       best_validation_accuracy, mean_validation_accuracy (step: generation)
 * tensorboard/final/train                  the scalars, and conv2d/bias, conv2d/kernel, ... histograms per epoch
 * tensorboard/final/validation             epoch_loss, epoch_accuracy
 * tensorboard/final/test                   epoch_loss, epoch_accuracy at the last epoch
 * </pre>
 *
 * <p>The event files are the backend's to write ({@link Backend#eventLog}), or a stand-in's
 * when the plan's backend writes none ({@link EventLogWriter}); with neither, nothing is written. Per-trial logs are written from the journalled history once
 * the trial is over, so they cost the trials nothing and come out alike whichever executor ran
 * them. TensorBoard logs are a view: a failure to write one is reported once as a warning and
 * never fails the run.
 */
public final class TensorBoardLogs {

    public static final String DIR = "tensorboard";
    private static final Logger LOG = LoggerFactory.getLogger("cnnga.tensorboard");

    private final EventLogWriter writer;
    private final Path root;
    private final Consumer<String> warn;
    private boolean disabled;

    public TensorBoardLogs(Backend backend, Path runDir, Consumer<String> warn) {
        this(EventLogWriter.of(backend), runDir, warn);
    }

    public TensorBoardLogs(EventLogWriter writer, Path runDir, Consumer<String> warn) {
        this.writer = writer;
        this.root = runDir.resolve(DIR);
        this.warn = warn;
    }

    /** The folder of one trial's logs. */
    public static String trialFolder(int generation, int index) {
        return String.format(Locale.ROOT, "gen-%02d-trial-%02d", generation, index);
    }

    /**
     * Per-epoch scalars of every result a backend trained (cached ones are the same network as an
     * earlier trial and have its log); a trial whose folder exists (a resumed run) is left alone.
     */
    public void trials(List<TrialResult> results) {
        for (TrialResult r : results) {
            if (r.status() == TrialStatus.CACHED || r.history().isEmpty()) {
                continue;
            }
            Path dir = root.resolve(trialFolder(r.generation(), r.index()));
            if (Files.exists(dir)) {
                continue;
            }
            guarded("trial " + dir.getFileName(), () -> {
                try (Logs logs = Logs.open(writer, dir, "train", "validation")) {
                    for (EpochMetrics m : r.history()) {
                        logs.trainingScalars(m);
                    }
                }
            });
        }
    }

    /** The population's best and mean fitness of one generation, at step {@code generation}. */
    public void generation(int generation, double best, double mean) {
        guarded("search", () -> {
            Optional<EventLog> log = writer.open(root.resolve("search"));
            if (log.isPresent()) {
                try (EventLog l = log.get()) {
                    l.scalar("best_validation_accuracy", generation, best);
                    l.scalar("mean_validation_accuracy", generation, mean);
                }
            }
        });
    }

    /**
     * Opens {@code final/train}, {@code final/validation} and {@code final/test}, deleting what an
     * interrupted final training left there (it is trained again from scratch).
     */
    public FinalLogs openFinal() {
        Path dir = root.resolve("final");
        Logs logs = null;
        if (!disabled) {
            try {
                FileTrees.delete(dir);
                logs = Logs.open(writer, dir, "train", "validation", "test");
            } catch (RuntimeException e) {
                fail("final", e);
            }
        }
        return new FinalLogs(logs);
    }

    /** The final network's logs, written epoch by epoch while it trains. */
    public final class FinalLogs implements AutoCloseable {

        private Logs logs;

        private FinalLogs(Logs logs) {
            this.logs = logs;
        }

        /** The epoch's scalars, and a histogram of each of {@code parameters} (the final network's conv biases and kernels). */
        public void epoch(EpochMetrics m, List<LayerParameter> parameters) {
            write("final epoch " + m.epoch(), l -> {
                l.trainingScalars(m);
                for (LayerParameter p : parameters) {
                    l.train().ifPresent(t -> t.histogram(p.tag(), m.epoch(), p.values()));
                }
            });
        }

        /** The test split's loss and accuracy, at the last epoch's step. */
        public void test(int epoch, Evaluation test) {
            write("final test", l -> l.log(2).ifPresent(t -> {
                t.scalar("epoch_loss", epoch, test.loss());
                t.scalar("epoch_accuracy", epoch, test.accuracy());
            }));
        }

        private void write(String what, Consumer<Logs> action) {
            if (logs == null) {
                return;
            }
            try {
                action.accept(logs);
            } catch (RuntimeException e) {
                Logs broken = logs;
                logs = null;
                try {
                    broken.close();
                } catch (RuntimeException ignored) {
                    // already failing; the first failure is the one reported
                }
                fail(what, e);
            }
        }

        @Override
        public void close() {
            Logs open = logs;
            logs = null;
            if (open != null) {
                try {
                    open.close();
                } catch (RuntimeException e) {
                    fail("final", e);
                }
            }
        }
    }

    /** A model's logs: a train, a validation (and maybe a test) run, as Keras writes them. */
    private static final class Logs implements AutoCloseable {

        private final List<Optional<EventLog>> logs;

        private Logs(List<Optional<EventLog>> logs) {
            this.logs = logs;
        }

        static Logs open(EventLogWriter writer, Path dir, String... runs) {
            List<Optional<EventLog>> opened = new ArrayList<>();
            try {
                for (String run : runs) {
                    opened.add(writer.open(dir.resolve(run)));
                }
                return new Logs(opened);
            } catch (RuntimeException e) {
                opened.forEach(l -> l.ifPresent(EventLog::close));
                throw e;
            }
        }

        Optional<EventLog> train() {
            return logs.get(0);
        }

        Optional<EventLog> log(int i) {
            return i < logs.size() ? logs.get(i) : Optional.empty();
        }

        void trainingScalars(EpochMetrics m) {
            train().ifPresent(t -> {
                scalar(t, "epoch_loss", m.epoch(), m.loss());
                scalar(t, "epoch_accuracy", m.epoch(), m.accuracy());
                scalar(t, "epoch_seconds", m.epoch(), m.seconds());
                scalar(t, "epoch_images_per_second", m.epoch(), m.imagesPerSecond());
            });
            log(1).ifPresent(v -> {
                scalar(v, "epoch_loss", m.epoch(), m.validationLoss());
                scalar(v, "epoch_accuracy", m.epoch(), m.validationAccuracy());
            });
        }

        /** Skips what was not measured (NaN: no validation split): TensorBoard would draw it as a gap marker. */
        private static void scalar(EventLog log, String tag, int step, double value) {
            if (Double.isFinite(value)) {
                log.scalar(tag, step, value);
            }
        }

        @Override
        public void close() {
            RuntimeException first = null;
            for (Optional<EventLog> l : logs) {
                try {
                    l.ifPresent(EventLog::close);
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void guarded(String what, Runnable action) {
        if (disabled) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            fail(what, e);
        }
    }

    /** Reports the first failure and stops writing: one broken writer would fail the same way each time. */
    private void fail(String what, RuntimeException e) {
        if (!disabled) {
            disabled = true;
            String message = "TensorBoard logs are no longer written (" + what + ": " + e.getMessage() + ")";
            LOG.debug(message, e);
            warn.accept(message);
        }
    }
}
