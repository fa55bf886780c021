package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A member of a multi-objective run's Pareto front, as {@code summary.json} lists it.
 *
 * <pre>{@code
 * {"genome": "0001...", "objectives": {"accuracy": 0.82, "flops": 1.1e7}, "params": 3204362,
 *  "flops": 11000000, "selected": true, "testAccuracy": 0.9012}
 * }</pre>
 *
 * @param genome       the bits
 * @param objectives   its value of each objective, in the plan's order
 * @param params       its parameters
 * @param flops        its forward FLOPs per image
 * @param latencyMs    its measured inference latency, when the search measured it
 * @param latencyDevice where it was measured
 * @param selected     whether it is the network {@code final.select} picked
 * @param testAccuracy its test accuracy, when a final training tested it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"genome", "objectives", "params", "flops", "latencyMs", "latencyDevice", "selected", "testAccuracy"})
public record ParetoEntry(String genome, Map<String, Double> objectives, long params, long flops, Double latencyMs,
                          String latencyDevice, boolean selected, Double testAccuracy) {

    public ParetoEntry {
        Events.require(genome != null, "pareto.genome", "is missing");
        objectives = objectives == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
    }
}
