package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.Batch;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.ChannelMoments;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.support.EpochTally;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One network in a TensorFlow graph and session, trained with Adam.
 *
 * <pre>{@code
 * try (TrainingSession s = backend.open(spec, config)) {
 *     EpochMetrics m = s.trainEpoch(1, train, validation, TrainingListener.NONE);
 *     s.export(Path.of("model"));
 * }
 * }</pre>
 *
 * <p>Each step feeds one batch and fetches two scalars (loss and correct count, both computed in
 * the graph). Unless the options say {@code moving}, each epoch ends by measuring batch norm's
 * statistics again on a sample of its training images ({@link BatchNormStatistics#RECOMPUTED}),
 * before validation. Evaluation runs the inference tower in batches of at least {@link #EVAL_BATCH}.
 * Every TensorFlow failure, out-of-memory included, comes out as a {@link TrainingFailedException}.
 */
final class TensorFlowTrainingSession implements io.cnnga.api.TrainingSession {

    /** Smallest evaluation batch: inference needs no gradients, so larger batches are cheap and faster. */
    static final int EVAL_BATCH = 256;

    private final ModelSpec spec;
    private final TrainingConfig config;
    private final DeviceChoice device;
    private final long seed;
    private final int threads;
    private final BatchNormStatistics statistics;
    private final Graph graph;
    private final Session session;
    private final NetworkGraph net;
    private boolean closed;

    private TensorFlowTrainingSession(ModelSpec spec, TrainingConfig config, DeviceChoice device, long seed, int threads,
                                      BatchNormStatistics statistics, Graph graph, Session session, NetworkGraph net) {
        this.spec = spec;
        this.config = config;
        this.device = device;
        this.seed = seed;
        this.threads = threads;
        this.statistics = statistics;
        this.graph = graph;
        this.session = session;
        this.net = net;
    }

    /** Builds the graph, opens a session and gives every variable its first value. */
    static TensorFlowTrainingSession open(ModelSpec spec, TrainingConfig config, DeviceChoice device, boolean onCpu,
                                          BackendOptions options) {
        long seed = options.seedFor(config.seed());
        Graph graph = new Graph();
        Session session = null;
        boolean opened = false;
        try {
            NetworkGraph net = NetworkGraph.training(graph, spec, device, onCpu, options.batchNormMomentum(), seed,
                    config.learningRate());
            session = new Session(graph, SessionConfig.of(device, options.threads()));
            initialize(session, net, initialValues(net, seed));
            TensorFlowTrainingSession result = new TensorFlowTrainingSession(spec, config, device, seed,
                    options.threads(), options.batchNormStatistics(), graph, session, net);
            opened = true;
            return result;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("could not build the network on " + device, e);
        } finally {
            if (!opened) {
                if (session != null) {
                    session.close();
                }
                graph.close();
            }
        }
    }

    /** Glorot-uniform kernels drawn in layer order from one seeded generator; Keras' other defaults. */
    static Map<String, float[]> initialValues(NetworkGraph net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSpec p : net.params) {
            values.put(p.name(), p.initialValue(random));
        }
        return values;
    }

    /** Runs every initializer of {@code net}, feeding {@code values} (by parameter name). */
    static void initialize(Session session, NetworkGraph net, Map<String, float[]> values) {
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (ParameterSpec p : net.params) {
                float[] value = values.get(p.name());
                if (value == null || value.length != p.size()) {
                    throw new IllegalArgumentException("no value of " + p.size() + " floats for " + p.name());
                }
                TFloat32 t = Tensors.floats(value, p.shape());
                fed.add(t);
                runner.feed(net.initValues.get(p.name()), t);
            }
            for (Op op : net.initOps) {
                runner.addTarget(op);
            }
            try (Result ignored = runner.run()) {
                // targets only
            }
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    @Override
    public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener listener) {
        checkOpen();
        spec.requireFits(train);
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        EpochTally tally = new EpochTally(epoch);
        int steps = train.batchCount(config.batchSize());
        boolean complete = true;
        for (Batch batch : train.batches(config.batchSize(), seed * 1_000_003L + epoch, true)) {
            if (l.stopRequested()) {
                complete = false;
                break;
            }
            float loss;
            int right;
            try (TFloat32 x = Tensors.images(spec, batch);
                 TInt32 y = Tensors.labels(batch.labels());
                 Result r = session.runner().feed(net.images, x).feed(net.labels, y)
                         .fetch(net.trainLoss).fetch(net.trainCorrect).addTarget(net.trainStep).run()) {
                loss = Tensors.scalarFloat(r.get(0));
                right = Tensors.scalarInt(r.get(1));
            } catch (RuntimeException e) {
                throw TrainingFailedException.of("training failed at epoch " + epoch + ", step " + (tally.steps() + 1), e);
            }
            int step = tally.step(batch.size(), loss, right);
            l.onStep(epoch, step, steps, loss, (double) right / batch.size());
        }
        tally.trainingDone();
        if (statistics == BatchNormStatistics.RECOMPUTED && tally.images() > 0) {
            recomputeBatchNormStatistics(BatchNormStatistics.sample(train));
        }
        Measure val = validation == null || validation.size() == 0 ? null : measure(validation, false);
        EpochMetrics metrics = tally.metrics(val == null ? Double.NaN : val.loss(), val == null ? 0 : val.accuracy(),
                complete);
        l.onEpoch(metrics);
        return metrics;
    }

    /**
     * Replaces every batch-norm layer's moving mean and variance by the mean and variance of the
     * layer's input over all of {@code data}, computed with the current weights and dropout off
     * ({@link BatchNormStatistics#RECOMPUTED}).
     */
    void recomputeBatchNormStatistics(ImageSet data) {
        checkOpen();
        spec.requireFits(data);
        if (net.statistics.isEmpty() || data.size() == 0) {
            return;
        }
        List<ChannelMoments> moments = net.statistics.stream().map(s -> new ChannelMoments(s.channels())).toList();
        for (Batch batch : data.batches(evalBatch(config.batchSize()), 0, false)) {
            Session.Runner runner = session.runner();
            for (NetworkGraph.MeasuredStatistics s : net.statistics) {
                runner.fetch(s.batchMean()).fetch(s.batchVariance());
            }
            try (TFloat32 x = Tensors.images(spec, batch);
                 Result r = runner.feed(net.images, x).run()) {
                for (int l = 0; l < moments.size(); l++) {
                    long values = batch.size() * net.statistics.get(l).valuesPerImage();
                    float[] variance = Tensors.floats(r.get(2 * l + 1));
                    // the op divides by values − 1; ChannelMoments wants the variance divided by values
                    float biased = values > 1 ? (float) ((values - 1) / (double) values) : 0f;
                    for (int c = 0; c < variance.length; c++) {
                        variance[c] *= biased;
                    }
                    moments.get(l).add(Tensors.floats(r.get(2 * l)), variance, values);
                }
            } catch (RuntimeException e) {
                throw TrainingFailedException.of("measuring the batch-norm statistics failed", e);
            }
        }
        Session.Runner assign = session.runner();
        List<Tensor> fed = new ArrayList<>();
        try {
            for (int l = 0; l < moments.size(); l++) {
                NetworkGraph.MeasuredStatistics s = net.statistics.get(l);
                TFloat32 mean = Tensors.floats(moments.get(l).mean(), new long[] {s.channels()});
                fed.add(mean);
                TFloat32 variance = Tensors.floats(moments.get(l).variance(), new long[] {s.channels()});
                fed.add(variance);
                assign.feed(s.mean(), mean).feed(s.variance(), variance).addTarget(s.assign());
            }
            try (Result ignored = assign.run()) {
                // targets only
            }
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("setting the batch-norm statistics failed", e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    @Override
    public Evaluation evaluate(ImageSet data) {
        checkOpen();
        spec.requireFits(data);
        Measure m = measure(data, true);
        return new Evaluation(m.loss(), m.accuracy(), m.predictions());
    }

    static int evalBatch(int trainingBatch) {
        return Math.max(EVAL_BATCH, trainingBatch);
    }

    private record Measure(double loss, double accuracy, int[] predictions) {
    }

    private Measure measure(ImageSet data, boolean predictions) {
        int batchSize = evalBatch(config.batchSize());
        int[] predicted = predictions ? new int[data.size()] : null;
        double lossSum = 0;
        long correct = 0;
        int n = 0;
        for (Batch batch : data.batches(batchSize, 0, false)) {
            try (TFloat32 x = Tensors.images(spec, batch);
                 TInt32 y = Tensors.labels(batch.labels())) {
                Session.Runner runner = session.runner().feed(net.images, x).feed(net.labels, y)
                        .fetch(net.evalLossSum).fetch(net.evalCorrect);
                if (predictions) {
                    runner.fetch(net.predictions);
                }
                try (Result r = runner.run()) {
                    lossSum += Tensors.scalarFloat(r.get(0));
                    correct += Tensors.scalarInt(r.get(1));
                    if (predictions) {
                        int[] p = Tensors.ints(r.get(2));
                        System.arraycopy(p, 0, predicted, n, p.length);
                    }
                }
            } catch (RuntimeException e) {
                throw TrainingFailedException.of("evaluation failed", e);
            }
            n += batch.size();
        }
        if (n == 0) {
            return new Measure(Double.NaN, 0, new int[0]);
        }
        return new Measure(lossSum / n, (double) correct / n, predicted);
    }

    /** The class probabilities the inference tower gives {@code pixels} (NHWC floats in [0, 1]). */
    float[] probabilities(float[] pixels, int count) {
        checkOpen();
        try (TFloat32 x = Tensors.images(spec, pixels, count);
             Result r = session.runner().feed(net.images, x).fetch(net.probabilities).run()) {
            return Tensors.floats(r.get(0));
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("prediction failed", e);
        }
    }

    /** The current value of every network variable (no optimizer state), by name. */
    Map<String, float[]> weights() {
        checkOpen();
        Session.Runner runner = session.runner();
        for (ParameterSpec p : net.params) {
            runner.fetch(net.variables.get(p.name()));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < net.params.size(); i++) {
                out.put(net.params.get(i).name(), Tensors.floats(r.get(i)));
            }
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("reading the weights failed", e);
        }
        return out;
    }

    /** Every network variable (no optimizer state), named after its layer as {@link ModelSpec#summary()} names it. */
    @Override
    public List<LayerParameter> parameters() {
        return parameters(null);
    }

    /** The variables of {@code layers} (all when null), fetched in one run; no other weight is copied. */
    @Override
    public List<LayerParameter> parameters(Set<String> layers) {
        checkOpen();
        List<LayerSummary> rows = spec.summary();
        List<ParameterSpec> wanted = net.params.stream()
                .filter(p -> layers == null || layers.contains(rows.get(p.layer()).name())).toList();
        List<LayerParameter> out = new ArrayList<>(wanted.size());
        if (wanted.isEmpty()) {
            return out;
        }
        Session.Runner runner = session.runner();
        wanted.forEach(p -> runner.fetch(net.variables.get(p.name())));
        try (Result r = runner.run()) {
            for (int i = 0; i < wanted.size(); i++) {
                ParameterSpec p = wanted.get(i);
                out.add(new LayerParameter(rows.get(p.layer()).name(), p.role().name().toLowerCase(Locale.ROOT),
                        Tensors.floats(r.get(i))));
            }
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("reading the parameters failed", e);
        }
        return out;
    }

    @Override
    public void export(Path directory) {
        checkOpen();
        SavedModelExporter.export(spec, weights(), threads, directory);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } finally {
                graph.close();
            }
        }
    }

    ModelSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "tensorflow session: " + spec.layers().size() + " layers, " + spec.params() + " parameters, on " + device
                + (closed ? " (closed)" : "");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this training session is closed");
        }
    }
}
