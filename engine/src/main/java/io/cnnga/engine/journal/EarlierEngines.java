package io.cnnga.engine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * What a plan recorded by an earlier engine meant. A recorded plan's engine sections are complete
 * (every key, its default filled in), so a key missing from them was added to the engine later:
 * the run was made with the behaviour before that key, not with today's default, and must resume
 * with it. Plugins' options are recorded as the plan gave them; the journal's format says what an
 * option missing there meant.
 *
 * <pre>{@code
 * ObjectNode plan = EarlierEngines.complete(recorded, 1);   // "repair": "redraw" where it was missing
 * }</pre>
 */
final class EarlierEngines {

    /**
     * A key a later engine added, and the value that says what engines before it did.
     *
     * @param section the plan's section ({@code search}, ...)
     * @param key     the key in it
     * @param before  what engines without the key did
     */
    private record AddedKey(String section, String key, JsonNode before) {
    }

    private static final List<AddedKey> ADDED = List.of(
            new AddedKey("search", "strategy", TextNode.valueOf("ga")),
            new AddedKey("search", "repair", TextNode.valueOf("redraw")),
            new AddedKey("search", "distinctChildren", BooleanNode.FALSE));

    private EarlierEngines() {
    }

    /** The built-in backends, whose option {@code precision} came later: before it they trained in float32. */
    private static final List<String> BACKENDS_WITH_PRECISION = List.of("tensorflow", "pytorch");

    /**
     * {@code plan}, recorded in a journal of {@code format} ({@link RunStarted#format()}), with every
     * key added since it was recorded set to what its engine did.
     */
    static ObjectNode complete(ObjectNode plan, int format) {
        ObjectNode out = plan.deepCopy();
        for (AddedKey added : ADDED) {
            JsonNode section = out.get(added.section());
            if (section instanceof ObjectNode object && !object.has(added.key())) {
                object.set(added.key(), added.before());
            }
        }
        // A plugin's options are its own, but the built-in backends' default precision became "auto"
        // (bfloat16 where the CPU has it): a run recorded without the key by an engine of format 1
        // trained in float32. From format 2 on a missing key means the default, as in any plan.
        JsonNode backend = out.get("backend");
        if (format < 2 && backend instanceof ObjectNode b && BACKENDS_WITH_PRECISION.contains(b.path("id").asText())
                && b.get("options") instanceof ObjectNode options && !options.has("precision")) {
            options.put("precision", "fp32");
        }
        return out;
    }
}
