package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.Batch;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.ChannelMoments;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.support.EpochTally;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One network as PyTorch tensors, trained with Keras' Adam on softmax cross-entropy.
 *
 * <pre>{@code
 * try (TrainingSession s = backend.open(spec, config)) {
 *     EpochMetrics m = s.trainEpoch(1, train, validation, TrainingListener.NONE);
 *     s.export(Path.of("model"));   // model.safetensors + network.txt
 * }
 * }</pre>
 *
 * <p>All tensors live in one DJL manager that {@link #close()} frees; each batch runs in a
 * sub-manager closed when the batch ends, so the activations, the autograd graph and the
 * gradients' handles of a step never outlive it. Autograd is switched on for training steps and
 * off for evaluation (libtorch's switch is per thread). Dropout draws from libtorch's global
 * generator, seeded at the start of every epoch. Unless the options say {@code moving}, each epoch
 * ends by measuring batch norm's statistics again on a sample of its training images
 * ({@link BatchNormStatistics#RECOMPUTED}), before validation, as the TensorFlow backend does. Every libtorch failure, out-of-memory included,
 * comes out as a {@link TrainingFailedException}.
 */
final class PyTorchTrainingSession implements TrainingSession {

    /** Smallest evaluation batch: inference keeps no graph, so larger batches are cheap and faster. */
    static final int EVAL_BATCH = 256;

    /** The batch size of evaluation and of the batch-norm pass for a training batch size. */
    static int evalBatch(int trainingBatch) {
        return Math.max(EVAL_BATCH, trainingBatch);
    }

    /** The file {@link #export} writes the tensors to. */
    static final String WEIGHTS_FILE = "model.safetensors";

    private final ModelSpec spec;
    private final TrainingConfig config;
    private final Device device;
    private final long seed;
    private final NDManager manager;
    private final TorchNetwork network;
    private final KerasAdam adam;
    private final BatchNormStatistics statistics;
    private boolean closed;

    private PyTorchTrainingSession(ModelSpec spec, TrainingConfig config, Device device, long seed,
                                   NDManager manager, TorchNetwork network, KerasAdam adam,
                                   BatchNormStatistics statistics) {
        this.spec = spec;
        this.config = config;
        this.device = device;
        this.seed = seed;
        this.manager = manager;
        this.network = network;
        this.adam = adam;
        this.statistics = statistics;
    }

    /** Creates the network's tensors with fresh weights on {@code device}. */
    static PyTorchTrainingSession open(Engine engine, ModelSpec spec, TrainingConfig config, Device device,
                                       BackendOptions options) {
        long seed = options.seedFor(config.seed());
        NDManager manager = null;
        boolean opened = false;
        try {
            manager = engine.newBaseManager(device);
            TorchNetwork network = TorchNetwork.build(spec, manager, seed, options.batchNormMomentum());
            KerasAdam adam = new KerasAdam(network.parameters(), config.learningRate(), manager);
            PyTorchTrainingSession session = new PyTorchTrainingSession(spec, config, device, seed, manager, network, adam,
                    options.batchNormStatistics());
            opened = true;
            return session;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("could not build the network on " + device, e);
        } finally {
            if (!opened && manager != null) {
                manager.close();
            }
        }
    }

    @Override
    public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener listener) {
        checkOpen();
        spec.requireFits(train);
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        EpochTally tally = new EpochTally(epoch);
        int steps = train.batchCount(config.batchSize());
        long epochSeed = seed * 1_000_003L + epoch;
        boolean complete = true;
        JniUtils.setSeed(epochSeed);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            for (Batch batch : train.batches(config.batchSize(), epochSeed, true)) {
                if (l.stopRequested()) {
                    complete = false;
                    break;
                }
                StepResult r = trainStep(batch, epoch, tally.steps() + 1);
                int step = tally.step(batch.size(), r.loss(), r.correct());
                l.onStep(epoch, step, steps, r.loss(), (double) r.correct() / batch.size());
            }
        } finally {
            JniUtils.setGradMode(gradMode);
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

    private record StepResult(float loss, long correct) {
    }

    /** Forward, loss, backward and one Adam update; the step's tensors die with its sub-manager. */
    private StepResult trainStep(Batch batch, int epoch, int step) {
        try (NDManager s = manager.newSubManager()) {
            PtNDArray x = TorchBatches.images(s, spec, batch.images(), batch.size());
            PtNDArray y = TorchBatches.labels(s, batch.labels());
            PtNDArray logits = network.forward(x, true);
            NDArray loss = logits.logSoftmax(1).gather(y.reshape(batch.size(), 1), 1).mean().neg();
            float value = loss.getFloat();
            if (!Float.isFinite(value)) {
                // before the backward pass: a NaN must not reach the weights' update
                throw EpochTally.lossNotFinite(value, epoch, step);
            }
            long right = correct(logits, y);
            JniUtils.backward((PtNDArray) loss, (PtNDArray) s.ones(loss.getShape()), false, false);
            adam.step(s);
            return new StepResult(value, right);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("training failed at epoch " + epoch + ", step " + step, e);
        }
    }

    private static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).toType(ai.djl.ndarray.types.DataType.INT64, false).sum().getLong();
    }

    /**
     * Replaces every batch-norm layer's running mean and variance by the mean and variance of the
     * layer's input over all of {@code data}, computed with the current weights and dropout off
     * ({@link BatchNormStatistics#RECOMPUTED}).
     */
    void recomputeBatchNormStatistics(ImageSet data) {
        checkOpen();
        spec.requireFits(data);
        List<ChannelMoments> moments = network.newBatchNormMoments();
        if (moments.isEmpty() || data.size() == 0) {
            return;
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Batch batch : data.batches(evalBatch(config.batchSize()), 0, false)) {
                try (NDManager s = manager.newSubManager()) {
                    network.measureBatchNorm(TorchBatches.images(s, spec, batch.images(), batch.size()), moments);
                }
            }
            network.setBatchNormStatistics(moments);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("measuring the batch-norm statistics failed", e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public Evaluation evaluate(ImageSet data) {
        checkOpen();
        spec.requireFits(data);
        Measure m = measure(data, true);
        return new Evaluation(m.loss(), m.accuracy(), m.predictions());
    }

    private record Measure(double loss, double accuracy, int[] predictions) {
    }

    private Measure measure(ImageSet data, boolean predictions) {
        int batchSize = evalBatch(config.batchSize());
        int[] predicted = predictions ? new int[data.size()] : null;
        double lossSum = 0;
        long correct = 0;
        int n = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Batch batch : data.batches(batchSize, 0, false)) {
                try (NDManager s = manager.newSubManager()) {
                    PtNDArray x = TorchBatches.images(s, spec, batch.images(), batch.size());
                    PtNDArray y = TorchBatches.labels(s, batch.labels());
                    PtNDArray logits = network.forward(x, false);
                    lossSum -= logits.logSoftmax(1).gather(y.reshape(batch.size(), 1), 1).sum().getFloat();
                    long[] argMax = logits.argMax(1).toLongArray();
                    int[] labels = batch.labels();
                    for (int i = 0; i < argMax.length; i++) {
                        if (argMax[i] == labels[i]) {
                            correct++;
                        }
                        if (predictions) {
                            predicted[n + i] = (int) argMax[i];
                        }
                    }
                } catch (RuntimeException | OutOfMemoryError e) {
                    throw TrainingFailedException.of("evaluation failed", e);
                }
                n += batch.size();
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        if (n == 0) {
            return new Measure(Double.NaN, 0, new int[0]);
        }
        return new Measure(lossSum / n, (double) correct / n, predicted);
    }

    /** Class probabilities of NHWC pixels in inference mode, row-major [count, classes]. */
    float[] probabilities(float[] nhwc, int count) {
        checkOpen();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager s = manager.newSubManager()) {
            PtNDArray x = TorchBatches.images(s, spec, nhwc, count);
            return network.forward(x, false).softmax(1).toFloatArray();
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("prediction failed", e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public List<LayerParameter> parameters() {
        return parameters(null);
    }

    /** Copies only the tensors of {@code layers} (all when null) from libtorch. */
    @Override
    public List<LayerParameter> parameters(Set<String> layers) {
        checkOpen();
        List<LayerParameter> out = new ArrayList<>();
        try {
            for (TorchParameter p : network.parameters()) {
                if (layers == null || layers.contains(p.layer())) {
                    out.add(new LayerParameter(p.layer(), p.kind(), p.value().toFloatArray()));
                }
            }
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("reading the weights failed", e);
        }
        return List.copyOf(out);
    }

    /**
     * Writes {@value #WEIGHTS_FILE}: every tensor (running statistics included) in the safetensors
     * format, as DJL encodes it, under PyTorch {@code state_dict} names and layouts; and
     * {@code network.txt}: the network's summary and how to read the tensors.
     */
    @Override
    public void export(Path directory) {
        checkOpen();
        try (NDManager s = manager.newSubManager(Device.cpu())) {
            NDList tensors = new NDList();
            for (TorchParameter p : network.parameters()) {
                NDArray copy = p.value().toDevice(Device.cpu(), true);
                copy.attach(s);
                copy.setName(p.name());
                tensors.add(copy);
            }
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(directory.resolve(WEIGHTS_FILE))) {
                tensors.encode(out, NDList.Encoding.SAFETENSORS);
            }
            Files.writeString(directory.resolve("network.txt"), readme(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not export the network to " + directory, e);
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("export failed", e);
        }
    }

    private String readme() {
        StringBuilder s = new StringBuilder();
        s.append("cnnga network trained by the PyTorch backend (libtorch ").append(PyTorchRuntime.version())
                .append(", DJL 0.36)\n\n");
        s.append(spec.describe()).append('\n');
        s.append(String.format(Locale.ROOT, "%s holds %d tensors (safetensors, float32, little-endian):%n",
                WEIGHTS_FILE, network.parameters().size()));
        for (TorchParameter p : network.parameters()) {
            s.append("  ").append(p.name()).append(' ').append(Arrays.toString(p.value().getShape().getShape()))
                    .append(p.trainable() ? "" : "  (running statistic)").append('\n');
        }
        s.append("""

                Layouts are PyTorch's: conv weights [out, in, kH, kW], dense weights [out, in] (y = x·Wᵀ + b).
                Inputs are NCHW pixels in [0, 1]. Semantics are TensorFlow's: SAME padding puts the odd
                row/column at the bottom/right (pads with zeros for convolutions, −inf for max pools);
                Flatten reads the feature map in (H, W, C) order, so permute NCHW to NHWC before
                flattening; batch norm uses the running statistics at inference, with the epsilon of
                the summary above; the last dense layer gives logits (apply softmax for probabilities).
                """);
        return s.toString();
    }

    ModelSpec spec() {
        return spec;
    }

    TorchNetwork network() {
        return network;
    }

    Device device() {
        return device;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this training session is closed");
        }
    }
}
