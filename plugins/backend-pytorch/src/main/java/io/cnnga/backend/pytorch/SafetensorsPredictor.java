package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Predictor;
import io.cnnga.api.TrainingFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network the PyTorch backend exported ({@code model.safetensors}), loaded back: the network is
 * built from its {@link ModelSpec} (as the model card describes it) and every tensor is set from
 * the file by its {@code state_dict} name.
 *
 * <pre>{@code
 * try (Predictor p = SafetensorsPredictor.load(engine, Device.cpu(), Path.of("runs/quick/model"), spec)) {
 *     float[] probabilities = p.probabilities(images, n);
 * }
 * }</pre>
 *
 * <p>The file must hold exactly the network's tensors, each of its shape; otherwise loading fails
 * naming the file and the tensor. Inference is the training session's: running statistics, no
 * dropout, TensorFlow's semantics ({@link TorchNetwork}), softmax over the logits.
 */
final class SafetensorsPredictor implements Predictor {

    private final ModelSpec spec;
    private final NDManager manager;
    private final TorchNetwork network;
    private boolean closed;

    private SafetensorsPredictor(ModelSpec spec, NDManager manager, TorchNetwork network) {
        this.spec = spec;
        this.manager = manager;
        this.network = network;
    }

    /**
     * @throws InvalidDataException when the file is missing or damaged, or its tensors are not the network's
     */
    static SafetensorsPredictor load(Engine engine, Device device, Path directory, ModelSpec spec) {
        Path file = directory.resolve(PyTorchTrainingSteps.WEIGHTS_FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "is missing: " + directory + " holds no PyTorch export");
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot be read: " + e.getMessage(), e);
        }
        NDManager manager = engine.newBaseManager(device);
        boolean loaded = false;
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            TorchNetwork network;
            try {
                network = TorchNetwork.withZeroKernels(spec, manager, 0.99);
            } catch (RuntimeException e) {
                throw TrainingFailedException.of("could not build the network on " + device, e);
            }
            try (NDManager reading = engine.newBaseManager(Device.cpu())) {
                NDList tensors;
                try {
                    tensors = NDList.decode(reading, bytes);
                } catch (RuntimeException e) {
                    throw new InvalidDataException(file, "is not a readable safetensors file (" + e.getMessage() + ")", e);
                }
                Set<String> expected = new TreeSet<>();
                for (TorchParameter p : network.parameters()) {
                    expected.add(p.name());
                    NDArray stored = tensors.get(p.name());
                    if (stored == null) {
                        throw new InvalidDataException(file, "has no tensor \"" + p.name() + "\"; the network of its "
                                + "model card needs " + network.parameters().stream().map(TorchParameter::name).toList());
                    }
                    long[] want = p.value().getShape().getShape();
                    if (!Arrays.equals(stored.getShape().getShape(), want)) {
                        throw new InvalidDataException(file, "tensor \"" + p.name() + "\" is "
                                + Arrays.toString(stored.getShape().getShape()) + ", the network needs " + Arrays.toString(want));
                    }
                    network.assign(p.name(), stored.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
                }
                Set<String> extra = new TreeSet<>();
                for (NDArray t : tensors) {
                    if (!expected.contains(t.getName())) {
                        extra.add(t.getName());
                    }
                }
                if (!extra.isEmpty()) {
                    throw new InvalidDataException(file, "holds tensors the network of its model card does not have: " + extra);
                }
            }
            loaded = true;
            return new SafetensorsPredictor(spec, manager, network);
        } finally {
            JniUtils.setGradMode(grad);
            if (!loaded) {
                manager.close();
            }
        }
    }

    @Override
    public float[] probabilities(float[] nhwc, int count) {
        if (closed) {
            throw new IllegalStateException("the predictor is closed");
        }
        if (count < 1) {
            throw new IllegalArgumentException("a batch needs at least one image, was " + count);
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager s = manager.newSubManager()) {
            PtNDArray x = TorchBatches.images(s, spec, nhwc, count);
            return network.forward(x, false).softmax(1).toFloatArray();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("prediction failed", e);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
