package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.Batch;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.ChannelMoments;
import io.cnnga.api.support.EpochTally;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.api.support.TrainingSteps;
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
 * One network as PyTorch tensors, trained with Keras' Adam on softmax cross-entropy: the PyTorch
 * backend's {@link TrainingSteps}, which {@link TrainingLoop} runs epoch by epoch.
 *
 * <pre>{@code
 * try (TrainingLoop<PyTorchTrainingSteps> s = backend.session(spec, config)) {
 *     EpochMetrics m = s.trainEpoch(1, train, validation, TrainingListener.NONE);
 *     s.export(Path.of("model"));   // model.safetensors + network.txt
 * }
 * }</pre>
 *
 * <p>All tensors live in one DJL manager that {@link #close()} frees; each batch runs in a
 * sub-manager closed when the batch ends, so the activations, the autograd graph and the
 * gradients' handles of a step never outlive it. Autograd is switched on for training steps and
 * off for evaluation and the statistics pass (libtorch's switch is per thread). Dropout draws from
 * libtorch's global generator, seeded at the start of every epoch ({@link #startEpoch}).
 */
final class PyTorchTrainingSteps implements TrainingSteps {

    /** The file {@link #export} writes the tensors to. */
    static final String WEIGHTS_FILE = "model.safetensors";

    private final ModelSpec spec;
    private final Device device;
    private final NDManager manager;
    private final TorchNetwork network;
    private final KerasAdam adam;
    private boolean closed;

    private PyTorchTrainingSteps(ModelSpec spec, Device device, NDManager manager, TorchNetwork network,
                                 KerasAdam adam) {
        this.spec = spec;
        this.device = device;
        this.manager = manager;
        this.network = network;
        this.adam = adam;
    }

    /** Creates the network's tensors on {@code device} with fresh weights drawn from {@code seed}. */
    static PyTorchTrainingSteps open(Engine engine, ModelSpec spec, TrainingConfig config, Device device,
                                     BackendOptions options, long seed) {
        NDManager manager = null;
        boolean opened = false;
        try {
            manager = engine.newBaseManager(device);
            TorchNetwork network = TorchNetwork.build(spec, manager, seed, options.batchNormMomentum());
            KerasAdam adam = new KerasAdam(network.parameters(), config.learningRate(), manager);
            PyTorchTrainingSteps steps = new PyTorchTrainingSteps(spec, device, manager, network, adam);
            opened = true;
            return steps;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw TrainingFailedException.of("could not build the network on " + device, e);
        } finally {
            if (!opened && manager != null) {
                manager.close();
            }
        }
    }

    /** Seeds libtorch's global generator, which dropout draws from. */
    @Override
    public void startEpoch(int epoch, long epochSeed) {
        JniUtils.setSeed(epochSeed);
    }

    /** Forward, loss, backward and one Adam update; the step's tensors die with its sub-manager. */
    @Override
    public Trained train(Batch batch, int epoch, int step) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
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
            return new Trained(value, right);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).toType(ai.djl.ndarray.types.DataType.INT64, false).sum().getLong();
    }

    @Override
    public void recomputeBatchNormStatistics(Iterable<Batch> sample) {
        List<ChannelMoments> moments = network.newBatchNormMoments();
        if (moments.isEmpty()) {
            return;
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Batch batch : sample) {
                try (NDManager s = manager.newSubManager()) {
                    network.measureBatchNorm(TorchBatches.images(s, spec, batch.images(), batch.size()), moments);
                }
            }
            network.setBatchNormStatistics(moments);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Loss and argmax of the logits in inference mode, without autograd. */
    @Override
    public Evaluated evaluate(Batch batch, boolean predictions) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager s = manager.newSubManager()) {
            PtNDArray x = TorchBatches.images(s, spec, batch.images(), batch.size());
            PtNDArray y = TorchBatches.labels(s, batch.labels());
            PtNDArray logits = network.forward(x, false);
            double lossSum = -logits.logSoftmax(1).gather(y.reshape(batch.size(), 1), 1).sum().getFloat();
            long[] argMax = logits.argMax(1).toLongArray();
            int[] labels = batch.labels();
            int[] predicted = predictions ? new int[argMax.length] : null;
            long correct = 0;
            for (int i = 0; i < argMax.length; i++) {
                if (argMax[i] == labels[i]) {
                    correct++;
                }
                if (predictions) {
                    predicted[i] = (int) argMax[i];
                }
            }
            return new Evaluated(lossSum, correct, predicted);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Class probabilities of NHWC pixels in inference mode, row-major [count, classes]. */
    float[] probabilities(float[] nhwc, int count) {
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

    /** Copies only the tensors of {@code layers} (all when null) from libtorch. */
    @Override
    public List<LayerParameter> parameters(Set<String> layers) {
        List<LayerParameter> out = new ArrayList<>();
        for (TorchParameter p : network.parameters()) {
            if (layers == null || layers.contains(p.layer())) {
                out.add(new LayerParameter(p.layer(), p.kind(), p.value().toFloatArray()));
            }
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

    TorchNetwork network() {
        return network;
    }

    Device device() {
        return device;
    }

    @Override
    public String deviceName() {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    @Override
    public String toString() {
        return "pytorch session: " + spec.layers().size() + " layers, " + spec.params() + " parameters, on " + device;
    }
}
