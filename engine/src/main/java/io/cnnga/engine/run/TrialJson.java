package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Genome;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link TrialResult}s and {@link EpochMetrics} as the journal writes them, and back.
 *
 * <pre>{@code
 * ObjectNode event = TrialJson.write(Journal.event("trial-finished"), result);
 * TrialResult again = TrialJson.read(event);
 * }</pre>
 */
public final class TrialJson {

    private TrialJson() {
    }

    public static ObjectNode write(ObjectNode into, TrialResult r) {
        into.put("generation", r.generation());
        into.put("index", r.index());
        into.put("genome", r.genome().bits());
        into.put("status", r.status().name());
        into.put("fitness", r.fitness());
        writeHistory(into.putArray("history"), r.history());
        into.put("params", r.params());
        into.put("flops", r.flops());
        into.put("seconds", r.seconds());
        into.put("reason", r.reason());
        return into;
    }

    public static void writeHistory(ArrayNode array, List<EpochMetrics> history) {
        for (EpochMetrics m : history) {
            array.add(Journal.mapper().valueToTree(m));
        }
    }

    public static TrialResult read(JsonNode n) {
        return new TrialResult(n.get("generation").asInt(), n.get("index").asInt(),
                Genome.of(n.get("genome").asText()), TrialStatus.valueOf(n.get("status").asText()),
                n.get("fitness").asDouble(), readHistory(n.get("history")), n.get("params").asLong(),
                n.get("flops").asLong(), n.get("seconds").asDouble(), n.path("reason").asText(""));
    }

    public static List<EpochMetrics> readHistory(JsonNode array) {
        List<EpochMetrics> history = new ArrayList<>();
        if (array != null) {
            for (JsonNode m : array) {
                history.add(Journal.mapper().convertValue(m, EpochMetrics.class));
            }
        }
        return history;
    }
}
