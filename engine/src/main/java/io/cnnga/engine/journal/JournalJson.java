package io.cnnga.engine.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.TrialResult;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * Journal events as JSON and back: one object per event, {@code type} first, then the record's
 * fields in order; times as ISO-8601 instants. The same mapping serves the worker protocol, whose
 * result is a {@code trial-finished} event without its times.
 *
 * <pre>{@code
 * String line = JournalJson.write(new RunFinished(Instant.now(), 12.5, 3));
 * JournalEvent again = JournalJson.read(line);                  // a RunFinished equal to it
 * String answer = JournalJson.writeResult(result);              // what a worker prints
 * TrialResult r = JournalJson.readResult(answer);
 * }</pre>
 *
 * <p>Reading checks every field: a missing required field, a value of the wrong kind
 * ({@code "fitness": "abc"}) or one out of range fails with an {@link InvalidEventException}
 * naming the field.
 */
public final class JournalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
                            String text = p.getValueAsString();
                            try {
                                return Instant.parse(text);
                            } catch (DateTimeParseException | NullPointerException e) {
                                throw JsonMappingException.from(p, "not an ISO-8601 instant: \"" + text + "\"");
                            }
                        }
                    }))
            // An epoch without checkpoints is written as engines before checkpoints wrote it.
            .addMixIn(io.cnnga.api.EpochMetrics.class, EpochWithoutEmptyCheckpoints.class)
            // Journals of newer engines may carry fields this one does not know: they are skipped.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private JournalJson() {
    }

    /** Jackson mix-in: {@code checkpoints} is left out of an epoch that has none. */
    private interface EpochWithoutEmptyCheckpoints {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.List<io.cnnga.api.Checkpoint> checkpoints();
    }

    /** The mapper events are written and read with, for JSON that sits beside them (summaries, networks). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The event as one line of JSON, without the newline. */
    public static String write(JournalEvent event) {
        return tree(event).toString();
    }

    static ObjectNode tree(JournalEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", event.type());
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    /**
     * The event a line holds, or null for an event of a type this engine does not know.
     *
     * @throws InvalidEventException when the line is not a JSON object with a {@code type}, or a
     *                               field of a known event is missing or malformed
     */
    public static JournalEvent read(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject() || !node.hasNonNull("type") || !node.get("type").isTextual()) {
            throw new InvalidEventException(null, "not a journal event (a JSON object with a \"type\")");
        }
        String type = node.get("type").asText();
        Class<? extends JournalEvent> kind = JournalEvent.TYPES.get(type);
        if (kind == null) {
            return null;
        }
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        fields.remove("type");
        JournalEvent event = convert(fields, kind, type);
        if (event.time() == null) {
            throw new InvalidEventException(type, "field \"time\" is missing");
        }
        return event;
    }

    /** A trial result as a worker sends it: a {@code trial-finished} event without its times. */
    public static String writeResult(TrialResult result) {
        ObjectNode node = (ObjectNode) MAPPER.valueToTree(TrialFinished.of(result, null, null));
        return node.toString();
    }

    /**
     * The result a worker sent.
     *
     * @throws InvalidEventException when it is no result
     */
    public static TrialResult readResult(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(null, "not a JSON object");
        }
        return convert(node, TrialFinished.class, "result").result();
    }

    private static <T> T convert(JsonNode fields, Class<T> kind, String type) {
        try {
            return MAPPER.treeToValue(fields, kind);
        } catch (ValueInstantiationException e) {
            // a compact constructor's check: "FIELD: PROBLEM"
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InvalidEventException(type, firstLine(cause.getMessage()));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new InvalidEventException(type, (field.isEmpty() ? "" : "field \"" + field + "\": ")
                    + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type, firstLine(e.getOriginalMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * A journal line (or worker answer) that is not a valid event; its message says which field
     * and why, without the line number, which the {@link Journal} adds.
     */
    public static final class InvalidEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidEventException(String type, String problem) {
            super((type == null ? "" : type + " event: ") + problem);
        }
    }
}
