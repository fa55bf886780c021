package io.cnnga.backend.tensorflow;

import io.cnnga.api.Batch;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Precision;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.ChannelMoments;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.api.support.TrainingSteps;
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
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One network in a TensorFlow graph and session, trained with Adam: the TensorFlow backend's
 * {@link TrainingSteps}, which {@link TrainingLoop} runs epoch by epoch.
 *
 * <pre>{@code
 * try (TrainingLoop<TensorFlowTrainingSteps> s = backend.session(spec, config)) {
 *     EpochMetrics m = s.trainEpoch(1, train, validation, TrainingListener.NONE);
 *     float[] p = s.steps().probabilities(pixels, 1);
 *     s.export(Path.of("model"));
 * }
 * }</pre>
 *
 * <p>A training step feeds one batch and fetches two scalars (loss and correct count, both
 * computed in the graph); an evaluation step fetches the summed loss, the correct count and, when
 * asked, the predictions; the statistics pass fetches each batch-norm layer's batch moments from
 * the statistics tower and assigns their pooled values to the moving statistics.
 */
final class TensorFlowTrainingSteps implements TrainingSteps {

    private final ModelSpec spec;
    private final DeviceChoice device;
    private final Precision precision;
    private final int threads;
    private final Graph graph;
    private final Session session;
    private final NetworkGraph net;
    private boolean closed;

    private TensorFlowTrainingSteps(ModelSpec spec, DeviceChoice device, Precision precision, int threads, Graph graph,
                                    Session session, NetworkGraph net) {
        this.spec = spec;
        this.device = device;
        this.precision = precision;
        this.threads = threads;
        this.graph = graph;
        this.session = session;
        this.net = net;
    }

    /**
     * Builds the graph, opens a session computing in {@code precision} and gives every variable its
     * first value, drawn from {@code seed}.
     */
    static TensorFlowTrainingSteps open(ModelSpec spec, TrainingConfig config, DeviceChoice device, boolean onCpu,
                                        BackendOptions options, long seed, Precision precision) {
        Graph graph = new Graph();
        Session session = null;
        boolean opened = false;
        try {
            NetworkGraph net = NetworkGraph.training(graph, spec, device, onCpu, options.batchNormMomentum(), seed,
                    config.learningRate(), precision);
            session = new Session(graph, SessionConfig.of(device, options.threads(), precision));
            initialize(session, net, initialValues(net, seed));
            TensorFlowTrainingSteps result = new TensorFlowTrainingSteps(spec, device, precision, options.threads(),
                    graph, session, net);
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
    public Trained train(Batch batch, int epoch, int step) {
        try (TFloat32 x = Tensors.images(spec, batch);
             TInt32 y = Tensors.labels(batch.labels());
             Result r = session.runner().feed(net.images, x).feed(net.labels, y)
                     .fetch(net.trainLoss).fetch(net.trainCorrect).addTarget(net.trainStep).run()) {
            return new Trained(Tensors.scalarFloat(r.get(0)), Tensors.scalarInt(r.get(1)));
        }
    }

    @Override
    public Evaluated evaluate(Batch batch, boolean predictions) {
        try (TFloat32 x = Tensors.images(spec, batch);
             TInt32 y = Tensors.labels(batch.labels())) {
            Session.Runner runner = session.runner().feed(net.images, x).feed(net.labels, y)
                    .fetch(net.evalLossSum).fetch(net.evalCorrect);
            if (predictions) {
                runner.fetch(net.predictions);
            }
            try (Result r = runner.run()) {
                return new Evaluated(Tensors.scalarFloat(r.get(0)), Tensors.scalarInt(r.get(1)),
                        predictions ? Tensors.ints(r.get(2)) : null);
            }
        }
    }

    /** Pools each batch-norm layer's batch moments from the statistics tower, then assigns them in one run. */
    @Override
    public void recomputeBatchNormStatistics(Iterable<Batch> sample) {
        if (net.statistics.isEmpty()) {
            return;
        }
        List<ChannelMoments> moments = net.statistics.stream().map(s -> new ChannelMoments(s.channels())).toList();
        for (Batch batch : sample) {
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

    /** The class probabilities the inference tower gives {@code pixels} (NHWC floats in [0, 1]). */
    float[] probabilities(float[] pixels, int count) {
        try (TFloat32 x = Tensors.images(spec, pixels, count);
             Result r = session.runner().feed(net.images, x).fetch(net.probabilities).run()) {
            return Tensors.floats(r.get(0));
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("prediction failed", e);
        }
    }

    /** The current value of every network variable (no optimizer state), by name. */
    Map<String, float[]> weights() {
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

    /**
     * The variables of {@code layers} (all when null), fetched in one run, named after their layer
     * as {@link ModelSpec#summary()} names it; no optimizer state and no other weight is copied.
     */
    @Override
    public List<LayerParameter> parameters(Set<String> layers) {
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
        }
        return out;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /**
     * The graphs TensorFlow ran for one training step on {@code batch}, after Grappler's rewrites
     * (the bfloat16 casts among them), one per device; the step updates the weights as any other.
     */
    List<GraphDef> trainingStepAsRun(Batch batch) {
        RunOptions options = RunOptions.newBuilder().setOutputPartitionGraphs(true).build();
        try (TFloat32 x = Tensors.images(spec, batch);
             TInt32 y = Tensors.labels(batch.labels());
             Result r = session.runner().feed(net.images, x).feed(net.labels, y).fetch(net.trainLoss)
                     .addTarget(net.trainStep).setOptions(options).runAndFetchMetadata()) {
            return r.getMetadata().orElseThrow().getPartitionGraphsList();
        }
    }

    @Override
    public void export(Path directory) {
        SavedModelExporter.export(spec, weights(), threads, directory);
    }

    /** {@code gpu:N} when placed on a GPU; {@code cpu} otherwise ({@code auto} places everything on the CPU of a machine without one). */
    @Override
    public String deviceName() {
        return device.isGpu() ? device.toString() : "cpu";
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

    @Override
    public String toString() {
        return "tensorflow session: " + spec.layers().size() + " layers, " + spec.params() + " parameters, on " + device
                + " in " + precision.id();
    }
}
