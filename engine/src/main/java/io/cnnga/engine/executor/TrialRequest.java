package io.cnnga.engine.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.JournalJson;
import io.cnnga.engine.trial.PruningOrder;

/**
 * A trial as it travels to a worker (a child JVM, a Spark task), and its result as it comes
 * back. Only the genome and the training config travel with the plan: the worker decodes the
 * genome itself, and checks that it gets the network the engine expects. It is the format of the
 * requests and answers of {@link EngineRemoteTrials}; executors see them only as strings.
 *
 * <pre>{@code
 * String json = TrialRequest.write(planJson, trial);
 * // {"plan": {...}, "trial": {"generation": 0, "index": 2, "genome": "0101...",
 * //  "config": {"epochs": 1, "batchSize": 32, "learningRate": 0.001, "seed": 42, "device": null},
 * //  "params": 1234567, "flops": 8901234}}
 * TrialRequest request = TrialRequest.read(json);
 * TrialResult result = TrialRequest.readResult(resultJson, trial);   // a trial-finished event without times
 * }</pre>
 *
 * @param planJson   the resolved plan, as JSON
 * @param generation the trial's generation
 * @param index      its position in the generation's batch
 * @param genome     the bits to decode
 * @param config     how to train, the device included
 * @param params     the parameters of the network the engine decoded (-1: unknown)
 * @param flops      its forward FLOPs per image (-1: unknown)
 * @param pruning    where the engine's pruner may stop it
 */
public record TrialRequest(String planJson, int generation, int index, Genome genome, TrainingConfig config,
                           long params, long flops, PruningOrder pruning) {

    private static final ObjectMapper MAPPER = JournalJson.mapper();

    /** The request for {@code trial} of the plan {@code planJson}, trained to its end. */
    public static String write(String planJson, Trial trial) {
        return write(planJson, trial, PruningOrder.NONE);
    }

    /** The request for {@code trial} of the plan {@code planJson}, which {@code pruning} may stop. */
    public static String write(String planJson, Trial trial, PruningOrder pruning) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("plan", parse(planJson, "the plan"));
        ObjectNode t = root.putObject("trial");
        t.put("generation", trial.generation());
        t.put("index", trial.index());
        t.put("genome", trial.genome().bits());
        TrainingConfig c = trial.config();
        ObjectNode config = t.putObject("config");
        config.put("epochs", c.epochs());
        config.put("batchSize", c.batchSize());
        config.put("learningRate", c.learningRate());
        config.put("seed", c.seed());
        config.put("device", c.device());
        c.checkpoints().forEach(config.putArray("checkpoints")::add);
        t.put("params", trial.spec().params());
        t.put("flops", trial.spec().forwardFlops());
        if (!pruning.none()) {
            t.set("pruning", MAPPER.valueToTree(pruning));
        }
        return root.toString();
    }

    /**
     * Reads a request.
     *
     * @throws InvalidInputException naming what is missing or malformed
     */
    public static TrialRequest read(String json) {
        JsonNode root = parse(json, "the trial request");
        JsonNode plan = root.get("plan");
        JsonNode t = root.get("trial");
        if (plan == null || !plan.isObject() || t == null || !t.isObject()) {
            throw new InvalidInputException("a trial request is {\"plan\": {...}, \"trial\": {...}}");
        }
        try {
            JsonNode c = require(t, "config");
            java.util.List<Double> checkpoints = new java.util.ArrayList<>();
            c.path("checkpoints").forEach(f -> checkpoints.add(f.asDouble()));
            TrainingConfig config = new TrainingConfig(require(c, "epochs").asInt(), require(c, "batchSize").asInt(),
                    require(c, "learningRate").asDouble(), require(c, "seed").asLong(),
                    c.hasNonNull("device") ? c.get("device").asText() : null, checkpoints);
            PruningOrder pruning = t.hasNonNull("pruning")
                    ? MAPPER.treeToValue(t.get("pruning"), PruningOrder.class) : PruningOrder.NONE;
            return new TrialRequest(plan.toString(), require(t, "generation").asInt(), require(t, "index").asInt(),
                    Genome.of(require(t, "genome").asText()), config, t.path("params").asLong(-1),
                    t.path("flops").asLong(-1), pruning);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("trial request: its pruning order is malformed: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("trial request: " + e.getMessage());
        }
    }

    /** The same request for another device: a cluster task learns its GPU only when it runs. */
    public static String withDevice(String requestJson, String device) {
        ObjectNode root = (ObjectNode) parse(requestJson, "the trial request");
        ((ObjectNode) root.get("trial").get("config")).put("device", device);
        return root.toString();
    }

    /** A result as a worker writes it: a {@code trial-finished} event without its times ({@link JournalJson#writeResult}). */
    public static String writeResult(TrialResult result) {
        return JournalJson.writeResult(result);
    }

    /**
     * The result a worker wrote for {@code trial}. Parameters and FLOPs are the engine's own
     * (a worker that could not decode reports none).
     *
     * @throws InvalidInputException when the JSON is no result, or a result of another trial
     */
    public static TrialResult readResult(String resultJson, Trial trial) {
        TrialResult r;
        try {
            r = JournalJson.readResult(resultJson);
        } catch (RuntimeException e) {
            throw new InvalidInputException("the worker's result is not a trial result: " + e.getMessage());
        }
        if (!r.genome().equals(trial.genome()) || r.index() != trial.index() || r.generation() != trial.generation()) {
            throw new InvalidInputException("the worker answered for " + r.genome() + " (generation " + r.generation()
                    + ", #" + r.index() + ") instead of " + trial.genome() + " (generation " + trial.generation()
                    + ", #" + trial.index() + ")");
        }
        return new TrialResult(r.generation(), r.index(), r.genome(), r.status(),
                r.status() == TrialStatus.FAILED ? 0 : r.fitness(), r.history(), trial.spec().params(),
                trial.spec().forwardFlops(), r.seconds(), r.reason(), r.stop(), r.latency(), r.precision());
    }

    /** The trial this request stands for, as a result that failed before any training. */
    TrialResult failed(double seconds, String reason) {
        return new TrialResult(generation, index, genome, TrialStatus.FAILED, 0, java.util.List.of(),
                Math.max(params, 0), Math.max(flops, 0), seconds, reason);
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return value;
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
