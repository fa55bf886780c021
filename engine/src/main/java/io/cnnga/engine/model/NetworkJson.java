package io.cnnga.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A decoded network as JSON, the shape {@code decode --json} prints and {@code summary.json}
 * embeds: input, classes, one object per layer, and the totals.
 *
 * <pre>{@code
 * ObjectNode json = NetworkJson.of(genome, spec, decoder.explain(genome));
 * ModelSpec same = NetworkJson.spec(json);   // the network back, e.g. from a model card
 * }</pre>
 */
public final class NetworkJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Each layer type's record, by the {@code type} the JSON names it with. */
    private static final Map<String, Class<? extends LayerSpec>> LAYERS = Map.of(
            "Conv2D", LayerSpec.Conv2D.class, "Activation", LayerSpec.Activation.class,
            "BatchNormalization", LayerSpec.BatchNorm.class, "MaxPooling2D", LayerSpec.MaxPool.class,
            "Dropout", LayerSpec.Dropout.class, "Flatten", LayerSpec.Flatten.class, "Dense", LayerSpec.Dense.class);

    private NetworkJson() {
    }

    public static ObjectNode of(Genome genome, ModelSpec spec, String explanation) {
        ObjectNode root = MAPPER.createObjectNode();
        if (genome != null) {
            root.put("genome", genome.bits());
        }
        if (explanation != null && !explanation.isEmpty()) {
            root.put("explanation", explanation);
        }
        ArrayNode input = root.putArray("input");
        spec.input().dims().forEach(input::add);
        root.put("classes", spec.classes());
        ArrayNode layers = root.putArray("layers");
        for (LayerSummary row : spec.summary()) {
            ObjectNode layer = layers.addObject();
            layer.put("name", row.name());
            layer.put("type", row.layer().type());
            ObjectNode config = MAPPER.valueToTree(row.layer());
            if (!config.isEmpty()) {
                layer.set("config", config);
            }
            ArrayNode shape = layer.putArray("outputShape");
            row.output().dims().forEach(shape::add);
            layer.put("params", row.params());
            layer.put("forwardFlops", row.forwardFlops());
        }
        root.put("params", spec.params());
        root.put("trainableParams", spec.trainableParams());
        root.put("forwardFlops", spec.forwardFlops());
        return root;
    }

    /**
     * The network a JSON of {@link #of} describes: its input, classes and layers (the other fields
     * are derived and checked against them: the parameter count must agree).
     *
     * @throws IllegalArgumentException naming the field that is missing, unknown or inconsistent
     */
    public static ModelSpec spec(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the network must be an object");
        }
        JsonNode input = json.path("input");
        if (!input.isArray() || input.size() != 3) {
            throw new IllegalArgumentException("input must be [height, width, channels], was " + input);
        }
        int[] dims = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!input.get(i).canConvertToInt() || !input.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException("input must be [height, width, channels], was " + input);
            }
            dims[i] = input.get(i).asInt();
        }
        if (!json.path("classes").isIntegralNumber()) {
            throw new IllegalArgumentException("classes must be an integer, was " + json.path("classes"));
        }
        JsonNode layers = json.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new IllegalArgumentException("layers must be a non-empty list");
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String type = layer.path("type").asText();
            Class<? extends LayerSpec> kind = LAYERS.get(type);
            if (kind == null) {
                throw new IllegalArgumentException("layers[" + i + "].type: unknown layer type \"" + type + "\"; known: "
                        + new java.util.TreeSet<>(LAYERS.keySet()));
            }
            JsonNode config = layer.has("config") ? layer.get("config") : MAPPER.createObjectNode();
            try {
                specs.add(MAPPER.treeToValue(config, kind));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                        : e.getMessage();
                throw new IllegalArgumentException("layers[" + i + "].config: not a " + type + ": "
                        + (why == null ? e.toString() : why.lines().findFirst().orElse(why)), e);
            }
        }
        ModelSpec spec = new ModelSpec(Shape.of(dims), json.get("classes").asInt(), specs);
        if (json.has("params") && json.get("params").asLong() != spec.params()) {
            throw new IllegalArgumentException("params says " + json.get("params").asLong() + " but the layers have "
                    + spec.params());
        }
        return spec;
    }
}
