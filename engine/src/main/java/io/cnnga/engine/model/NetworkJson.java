package io.cnnga.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;

/**
 * A decoded network as JSON, the shape {@code decode --json} prints and {@code summary.json}
 * embeds: input, classes, one object per layer, and the totals.
 *
 * <pre>{@code
 * ObjectNode json = NetworkJson.of(genome, spec, decoder.explain(genome));
 * }</pre>
 */
public final class NetworkJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
}
