package io.cnnga.engine.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a resolved plan as JSON that {@link PlanReader} reads back to an equal plan.
 *
 * <pre>{@code
 * Files.writeString(runDir.resolve("plan.json"), PlanWriter.toJson(plan));
 * }</pre>
 */
public final class PlanWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanWriter() {
    }

    /** The plan as a JSON object. */
    public static com.fasterxml.jackson.databind.node.ObjectNode toTree(Plan plan) {
        return MAPPER.valueToTree(plan);
    }

    public static String toJson(Plan plan) {
        try {
            return MAPPER.writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan always serializes", e);
        }
    }
}
