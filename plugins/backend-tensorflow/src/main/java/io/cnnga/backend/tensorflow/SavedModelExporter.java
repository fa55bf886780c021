package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;

/**
 * Writes a trained network as a TensorFlow SavedModel that TensorFlow for Python, TensorFlow
 * Serving and TensorFlow Java can load.
 *
 * <pre>{@code
 * SavedModelExporter.export(spec, session.weights(), 0, Path.of("runs/x/model"));
 * // Python: m = tf.saved_model.load("runs/x/model")
 * //         p = m.signatures["serving_default"](images=tf.zeros([1, 28, 28, 1]))["probabilities"]
 * }</pre>
 *
 * <p>The export holds a fresh graph of the inference tower only (moving batch-norm statistics,
 * no dropout, no optimizer state), tagged {@code serve}, with one signature
 * {@code serving_default}: input {@code images} float32 [N, H, W, C] with pixels in [0, 1],
 * output {@code probabilities} float32 [N, classes]. An existing SavedModel in the directory is
 * replaced; the new one is written beside it first, so a failed export leaves the old one whole.
 */
final class SavedModelExporter {

    static final String SIGNATURE = Signature.DEFAULT_KEY;

    private SavedModelExporter() {
    }

    static void export(ModelSpec spec, Map<String, float[]> weights, int threads, Path directory) {
        Path target = directory.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path staging = parent.resolve("." + target.getFileName() + ".exporting-" + System.nanoTime());
        try {
            Files.createDirectories(parent);
            if (Files.exists(target) && !isReplaceable(target)) {
                throw new IllegalArgumentException(target + " exists and is not a SavedModel; refusing to replace it");
            }
            write(spec, weights, threads, staging);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the SavedModel to " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static void write(ModelSpec spec, Map<String, float[]> weights, int threads, Path dir) throws IOException {
        try (Graph graph = new Graph()) {
            // No device in the graph: whoever loads it places it. Writing it needs only the CPU.
            NetworkGraph net = NetworkGraph.inference(graph, spec, DeviceChoice.AUTO);
            try (Session session = new Session(graph, SessionConfig.of(DeviceChoice.CPU, threads))) {
                TensorFlowTrainingSteps.initialize(session, net, weights);
                Signature signature = Signature.builder(SIGNATURE)
                        .input(NetworkGraph.IMAGES, net.images)
                        .output(NetworkGraph.PROBABILITIES, net.probabilities)
                        .methodName("tensorflow/serving/predict")
                        .build();
                SavedModelBundle.exporter(dir.toString())
                        .withTags(SavedModelBundle.DEFAULT_TAG)
                        .withFunction(SessionFunction.create(signature, session))
                        .export();
            }
        } catch (RuntimeException e) {
            throw TrainingFailedException.of("SavedModel export failed", e);
        }
    }

    private static boolean isReplaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> {
                String name = p.getFileName().toString();
                return name.equals("saved_model.pb") || name.equals("variables") || name.equals("assets")
                        || name.equals("fingerprint.pb");
            });
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
