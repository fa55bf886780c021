package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.EventLog;
import io.cnnga.api.TrainingFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A TensorBoard log directory written by TensorFlow's own summary ops
 * ({@code CreateSummaryFileWriter}, {@code WriteScalarSummary}, {@code WriteHistogramSummary}), so
 * the event files are exactly what TensorFlow for Python writes and {@code tensorboard --logdir}
 * reads.
 *
 * <pre>{@code
 * try (EventLog log = TensorFlowEventLog.open(Path.of("runs/x/tensorboard/final/train"), 0)) {
 *     log.scalar("epoch_loss", 1, 0.42);
 *     log.histogram("conv2d/bias", 1, bias);
 * }
 * }</pre>
 *
 * <p>A small graph of its own, run on the CPU: a writer resource, placeholders for tag, step and
 * value, one write op per kind. Each call is one session run (tens of microseconds); TensorFlow
 * bins histograms itself. The event file is named {@code events.out.tfevents.<seconds>.<host>}:
 * two logs opened on one directory within the same second share that name, so give every log a
 * directory of its own.
 */
final class TensorFlowEventLog implements EventLog {

    /** Events queued before TensorFlow writes them out; {@link #close()} writes the rest. */
    private static final int MAX_QUEUE = 100;
    private static final int FLUSH_MILLIS = 10_000;
    /** What TensorFlow for Python's TF2 summary writer appends to its event file names. */
    private static final String FILE_SUFFIX = ".v2";
    private static final AtomicLong WRITERS = new AtomicLong();

    private final Graph graph;
    private final Session session;
    private final Placeholder<TString> tag;
    private final Placeholder<TInt64> step;
    private final Placeholder<TFloat32> value;
    private final Placeholder<TFloat32> values;
    private final Op writeScalar;
    private final Op writeHistogram;
    private final Op flush;
    private final Op closeWriter;
    private boolean closed;

    private TensorFlowEventLog(Graph graph, Session session, Placeholder<TString> tag, Placeholder<TInt64> step,
                               Placeholder<TFloat32> value, Placeholder<TFloat32> values, Op writeScalar,
                               Op writeHistogram, Op flush, Op closeWriter) {
        this.graph = graph;
        this.session = session;
        this.tag = tag;
        this.step = step;
        this.value = value;
        this.values = values;
        this.writeScalar = writeScalar;
        this.writeHistogram = writeHistogram;
        this.flush = flush;
        this.closeWriter = closeWriter;
    }

    /** Creates {@code directory} if needed and opens a new event file in it. */
    static TensorFlowEventLog open(Path directory, int threads) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TensorBoard log directory " + directory, e);
        }
        Graph graph = new Graph();
        Session session = null;
        boolean opened = false;
        try {
            Ops tf = Ops.create(graph);
            // A resource name of its own: two logs of one process must never share a writer.
            SummaryWriter writer = tf.summary.summaryWriter(
                    SummaryWriter.sharedName("cnnga_event_log_" + WRITERS.incrementAndGet()));
            Op create = tf.summary.createSummaryFileWriter(writer,
                    tf.constant(directory.toAbsolutePath().toString()), tf.constant(MAX_QUEUE),
                    tf.constant(FLUSH_MILLIS), tf.constant(FILE_SUFFIX));
            Placeholder<TString> tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TInt64> step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Op writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
            Op writeHistogram = tf.summary.writeHistogramSummary(writer, step, tag, values);
            Op flush = tf.summary.flushSummaryWriter(writer);
            Op closeWriter = tf.summary.closeSummaryWriter(writer);
            session = new Session(graph, SessionConfig.of(DeviceChoice.CPU, threads));
            session.run(create);
            TensorFlowEventLog log = new TensorFlowEventLog(graph, session, tag, step, value, values, writeScalar,
                    writeHistogram, flush, closeWriter);
            opened = true;
            return log;
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("cannot open a TensorBoard log in " + directory, e);
        } finally {
            if (!opened) {
                if (session != null) {
                    session.close();
                }
                graph.close();
            }
        }
    }

    @Override
    public void scalar(String name, long at, double v) {
        checkOpen();
        try (TString t = TString.scalarOf(name);
             TInt64 s = TInt64.scalarOf(at);
             TFloat32 x = TFloat32.scalarOf((float) v);
             Result ignored = session.runner().feed(tag, t).feed(step, s).feed(value, x).addTarget(writeScalar).run()) {
            // target only
        }
    }

    @Override
    public void histogram(String name, long at, float[] data) {
        checkOpen();
        if (data.length == 0) {
            return; // TensorFlow's histogram of nothing is an empty record TensorBoard cannot draw
        }
        try (TString t = TString.scalarOf(name);
             TInt64 s = TInt64.scalarOf(at);
             TFloat32 x = TFloat32.tensorOf(Shape.of(data.length), DataBuffers.of(data, true, false));
             Result ignored = session.runner().feed(tag, t).feed(step, s).feed(values, x).addTarget(writeHistogram)
                     .run()) {
            // target only
        }
    }

    @Override
    public void flush() {
        checkOpen();
        session.run(flush);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.run(closeWriter);
        } finally {
            try {
                session.close();
            } finally {
                graph.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this event log is closed");
        }
    }
}
