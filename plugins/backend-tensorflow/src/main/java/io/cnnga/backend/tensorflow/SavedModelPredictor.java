package io.cnnga.backend.tensorflow;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Predictor;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.support.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel that {@link SavedModelExporter} wrote, loaded back with {@link SavedModelBundle}
 * and run through its {@code serving_default} signature, as TensorFlow Serving or Python would.
 *
 * <pre>{@code
 * try (Predictor p = SavedModelPredictor.load(Path.of("runs/quick/model"), spec, DeviceChoice.CPU, 0)) {
 *     float[] probabilities = p.probabilities(images, n);
 * }
 * }</pre>
 *
 * <p>The signature must take {@code images} of the spec's input shape and give
 * {@code probabilities} of its classes; any other SavedModel is refused naming the folder.
 */
final class SavedModelPredictor implements Predictor {

    private final ModelSpec spec;
    private final SavedModelBundle bundle;
    private boolean closed;

    private SavedModelPredictor(ModelSpec spec, SavedModelBundle bundle) {
        this.spec = spec;
        this.bundle = bundle;
    }

    /**
     * @throws InvalidDataException when {@code directory} holds no SavedModel, a damaged one, or one
     *                              whose signature does not match {@code spec}
     */
    static SavedModelPredictor load(Path directory, ModelSpec spec, DeviceChoice device, int threads) {
        Path pb = directory.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            throw new InvalidDataException(pb, "is missing: " + directory + " holds no SavedModel");
        }
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(directory.toString())
                    .withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(SessionConfig.of(device, threads))
                    .load();
        } catch (RuntimeException e) {
            throw new InvalidDataException(directory, "is not a loadable SavedModel (" + firstLine(e) + ")", e);
        }
        try {
            requireSignature(directory, bundle, spec);
            return new SavedModelPredictor(spec, bundle);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static void requireSignature(Path directory, SavedModelBundle bundle, ModelSpec spec) {
        Signature signature = bundle.signatures().stream().filter(s -> s.key().equals(SavedModelExporter.SIGNATURE))
                .findFirst().orElseThrow(() -> new InvalidDataException(directory, "has no "
                        + SavedModelExporter.SIGNATURE + " signature"));
        Signature.TensorDescription in = signature.getInputs().get(NetworkGraph.IMAGES);
        Signature.TensorDescription out = signature.getOutputs().get(NetworkGraph.PROBABILITIES);
        if (in == null || out == null) {
            throw new InvalidDataException(directory, "its " + signature.key() + " signature maps "
                    + signature.inputNames() + " to " + signature.outputNames() + ", not " + NetworkGraph.IMAGES
                    + " to " + NetworkGraph.PROBABILITIES);
        }
        long[] expectedIn = {-1, spec.input().dim(0), spec.input().dim(1), spec.input().dim(2)};
        long[] expectedOut = {-1, spec.classes()};
        if (!Arrays.equals(in.shape.asArray(), expectedIn) || !Arrays.equals(out.shape.asArray(), expectedOut)) {
            throw new InvalidDataException(directory, "its signature takes " + in.shape + " and gives " + out.shape
                    + ", but its model card describes " + spec.input() + " images and " + spec.classes() + " classes");
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
        try (TFloat32 images = Tensors.images(spec, nhwc, count);
             Result result = bundle.call(Map.of(NetworkGraph.IMAGES, images))) {
            Tensor probabilities = result.get(NetworkGraph.PROBABILITIES).orElseThrow(
                    () -> new TrainingFailedException("the SavedModel gave no " + NetworkGraph.PROBABILITIES));
            return Tensors.floats(probabilities);
        } catch (IllegalArgumentException | TrainingFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("prediction failed", e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bundle.close();
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return m.lines().findFirst().orElse(m);
    }
}
