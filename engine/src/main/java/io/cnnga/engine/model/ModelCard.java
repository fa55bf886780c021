package io.cnnga.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Framework;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Preprocessing;
import io.cnnga.engine.journal.AtomicFile;
import io.cnnga.engine.plan.PluginChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code model.json}, the model card written beside every export: what the network is, what it
 * expects, how well it did, and where it came from — everything {@code predict} needs to use the
 * export without the plan or the data.
 *
 * <pre>{@code
 * ModelCard card = ModelCard.read(Path.of("runs/quick/model"));
 * card.classNames();                 // [T-shirt/top, Trouser, ...]
 * card.preprocessing().colour();     // "grey"
 * ModelSpec spec = card.spec();      // the network, rebuilt from its JSON
 * card.write(Path.of("elsewhere"));  // model.json and README.md
 * }</pre>
 *
 * @param card          the card's own format version, {@value #VERSION}
 * @param created       when the network was exported, ISO-8601 in UTC
 * @param cnnga         the engine's version that wrote it
 * @param format        the export's format, as the backend names it: {@code savedmodel}, {@code safetensors}
 * @param signature     a SavedModel's serving signature; null for other formats
 * @param precision     the arithmetic the network was trained in, {@code fp32} or {@code bf16}; the export
 *                      itself holds float32 weights and computes in float32 either way
 * @param framework     the framework and its version, e.g. TensorFlow 2.18.0
 * @param backend       the plan's backend: its id loads the export
 * @param role          {@link #FINAL} (the run's final network) or {@link #FRONT} (another Pareto front member)
 * @param genome        the genome the network decodes from
 * @param decoder       the plan's decoder, with its options
 * @param network       the network as {@code decode --json} prints it
 * @param input         the input tensor: shape (H, W, C), layout, type and range
 * @param classNames    one name per output, index = class
 * @param preprocessing how a raw image becomes the input, as the dataset did it
 * @param accuracy      validation and test accuracy of this network, with the sizes of the splits
 * @param dataset       the plan's dataset, with its options
 * @param plan          the plan's name and seed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"card", "created", "cnnga", "format", "signature", "precision", "framework", "backend", "role",
        "genome", "decoder", "network", "input", "classNames", "preprocessing", "accuracy", "dataset", "plan"})
public record ModelCard(int card, String created, String cnnga, String format, Signature signature, String precision,
                        Framework framework, PluginChoice backend, String role, String genome, PluginChoice decoder,
                        ObjectNode network, Input input, List<String> classNames, Preprocessing preprocessing,
                        Accuracy accuracy, PluginChoice dataset, PlanOrigin plan) {

    /** The card's file in a model folder. */
    public static final String FILE = "model.json";
    /** The human-readable page generated from it ({@link ModelCardReadme}). */
    public static final String README = "README.md";
    public static final int VERSION = 1;
    public static final String FINAL = "final";
    public static final String FRONT = "front";
    /** float32: what every export holds, and a card's precision when the network was trained in it. */
    public static final String FP32 = "fp32";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public ModelCard {
        require(card == VERSION, "card", "must be " + VERSION + ", was " + card
                + " (written by another cnnga version; export the model again with this one)");
        require(created != null, "created", "is missing");
        try {
            Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("created: not an ISO-8601 instant: \"" + created + "\"");
        }
        require(format != null && !format.isBlank(), "format", "is missing");
        require(precision != null && !precision.isBlank(), "precision", "is missing");
        require(framework != null, "framework", "is missing");
        require(backend != null && backend.id() != null, "backend", "is missing its id");
        require(FINAL.equals(role) || FRONT.equals(role), "role", "must be \"final\" or \"front\", was " + role);
        require(genome != null, "genome", "is missing");
        require(network != null, "network", "is missing");
        require(input != null, "input", "is missing");
        require(classNames != null && classNames.size() >= 2, "classNames", "must name at least 2 classes");
        require(preprocessing != null, "preprocessing", "is missing");
        require(accuracy != null, "accuracy", "is missing");
        require(dataset != null, "dataset", "is missing");
        require(plan != null, "plan", "is missing");
        require(input.shape().size() == 3 && input.shape().get(0) == preprocessing.height()
                        && input.shape().get(1) == preprocessing.width() && input.shape().get(2) == preprocessing.channels(),
                "input.shape", "must be [H, W, C] as preprocessing says, was " + input.shape());
        classNames = List.copyOf(classNames);
        network = network.deepCopy();
    }

    @Override
    public ObjectNode network() {
        return network.deepCopy();
    }

    /**
     * The network as a {@link ModelSpec}, checked against the card: its input and classes.
     *
     * @throws IllegalArgumentException naming what disagrees
     */
    public ModelSpec spec() {
        ModelSpec spec = NetworkJson.spec(network);
        if (!spec.input().dims().equals(input.shape())) {
            throw new IllegalArgumentException("network.input " + spec.input().dims() + " differs from input.shape "
                    + input.shape());
        }
        if (spec.classes() != classNames.size()) {
            throw new IllegalArgumentException("the network has " + spec.classes() + " classes but classNames names "
                    + classNames.size());
        }
        return spec;
    }

    /** The card as the file holds it. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model card always serializes", e);
        }
    }

    /** Writes {@value #FILE} and {@value #README} into {@code directory}, each at once ({@link AtomicFile}). */
    public void write(Path directory) {
        AtomicFile.write(directory.resolve(FILE), toJson());
        AtomicFile.write(directory.resolve(README), ModelCardReadme.render(this));
    }

    /** Whether {@code directory} holds a card (not whether it is valid). */
    public static boolean isIn(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE));
    }

    /**
     * The card in {@code directory}.
     *
     * @throws InvalidDataException naming {@code model.json} when it is missing, not JSON, or not a card
     */
    public static ModelCard read(Path directory) {
        Path file = directory.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "is missing: " + directory + " holds no model card (a run exports "
                    + "its network to RUN/model/ with its " + FILE + ")");
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot be read: " + e.getMessage(), e);
        }
        try {
            return MAPPER.readValue(bytes, ModelCard.class);
        } catch (MismatchedInputException e) {
            String where = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("(root)");
            throw new InvalidDataException(file, where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
            throw new InvalidDataException(file, "is not a valid model card: "
                    + (message == null ? cause.toString() : message.lines().findFirst().orElse(message)), e);
        }
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    /**
     * A SavedModel's serving signature.
     *
     * @param name   the signature key, {@code serving_default}
     * @param input  its input's name, {@code images}: float32 [N, H, W, C] in [0, 1]
     * @param output its output's name, {@code probabilities}: float32 [N, classes]
     */
    public record Signature(String name, String input, String output) {
        public static final Signature SERVING_DEFAULT = new Signature("serving_default", "images", "probabilities");
    }

    /**
     * The input tensor of the network.
     *
     * @param shape  [H, W, C] of one image
     * @param layout {@code NHWC}: a batch of images, row-major, channels last
     * @param dtype  {@code float32}
     * @param range  the pixel values' range, [0, 1]
     */
    public record Input(List<Integer> shape, String layout, String dtype, List<Double> range) {
        public Input {
            shape = List.copyOf(shape);
            range = List.copyOf(range);
        }

        public static Input of(ModelSpec spec) {
            return new Input(spec.input().dims(), "NHWC", "float32", List.of(0.0, 1.0));
        }
    }

    /**
     * How well the network did, measured once after its training.
     *
     * @param validation       accuracy on the validation split after the last epoch
     * @param validationImages images in the validation split
     * @param test             accuracy on the test split (measured once, by this network)
     * @param testImages       images in the test split
     * @param epochs           epochs the network was trained
     */
    public record Accuracy(double validation, int validationImages, double test, int testImages, int epochs) {
    }

    /**
     * The plan the network came from.
     *
     * @param name the plan's name
     * @param seed its seed
     */
    public record PlanOrigin(String name, long seed) {
    }
}
