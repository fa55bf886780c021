package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Precision;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A finished run's {@code summary.json}: the best genome and its network, the final network's
 * test accuracy, what the search did and how long it took.
 *
 * <pre>{@code
 * Summary s = Summary.of(plan.name(), best, network, finalFinished, results, replaced, generations, 431.9, null);
 * s.write(dir.resolve(Summary.FILE));
 * Summary.read(dir.resolve(Summary.FILE)).map(Summary::testAccuracy);
 * }</pre>
 *
 * @param name                    the plan's name
 * @param bestGenome              the fittest genome of the search
 * @param bestValidationAccuracy  its fitness
 * @param testAccuracy            the final network's test accuracy; null without a final training
 * @param finalValidationAccuracy the final network's validation accuracy after its last epoch
 * @param finalEpochs             epochs of the final training
 * @param network                 the best network as {@code decode --json} prints it
 * @param trials                  trials journalled
 * @param trained                 trials a backend trained (complete, pruned, or failed after training started)
 * @param cached                  trials taken from the cache
 * @param failed                  trials that failed (or were refused)
 * @param pruned                  trials stopped early
 * @param replacedOverBudget      genomes replaced before evaluation because they broke the budget
 * @param generations             generations evolved
 * @param seconds                 wall time, summed over the processes that worked on the run
 * @param precision               what the search's trainings computed in: {@code fp32}, {@code bf16}, or
 *                                {@code fp32,bf16} when trials differed (the model card says the final
 *                                network's); null when no trial recorded one (journals of earlier engines)
 * @param pareto                  a multi-objective run's Pareto front, most accurate first; null for a
 *                                single-objective run
 */
@JsonPropertyOrder({"name", "bestGenome", "bestValidationAccuracy", "testAccuracy", "finalValidationAccuracy",
        "finalEpochs", "network", "trials", "trained", "cached", "failed", "pruned", "replacedOverBudget",
        "generations", "seconds", "precision", "pareto"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(@JsonProperty(required = true) String name,
                      @JsonProperty(required = true) String bestGenome,
                      double bestValidationAccuracy,
                      @JsonInclude(JsonInclude.Include.ALWAYS) Double testAccuracy,
                      Double finalValidationAccuracy,
                      Integer finalEpochs,
                      ObjectNode network,
                      long trials, long trained, long cached, long failed, long pruned,
                      long replacedOverBudget, int generations, double seconds, String precision,
                      List<ParetoEntry> pareto) {

    public static final String FILE = "summary.json";

    public Summary {
        Events.require(name != null, "name", "is missing");
        Events.require(bestGenome != null, "bestGenome", "is missing");
        network = network == null ? null : network.deepCopy();
        pareto = pareto == null ? null : List.copyOf(pareto);
    }

    @Override
    public ObjectNode network() {
        return network == null ? null : network.deepCopy();
    }

    /**
     * The summary of a run whose search evaluated {@code results} and whose best trial is
     * {@code best}.
     *
     * @param finalTraining the final training's event, or null when the plan asks for none
     */
    public static Summary of(String name, TrialResult best, ObjectNode network, FinalFinished finalTraining,
                             List<TrialResult> results, long replaced, int generations, double seconds,
                             List<ParetoEntry> pareto) {
        return new Summary(name, best.genome().bits(), best.fitness(),
                finalTraining == null ? null : finalTraining.testAccuracy(),
                finalTraining == null ? null : finalTraining.lastValidationAccuracy(),
                finalTraining == null ? null : finalTraining.epochs(),
                network, results.size(), results.stream().filter(Summary::trained).count(),
                count(results, TrialStatus.CACHED), count(results, TrialStatus.FAILED), count(results, TrialStatus.PRUNED),
                replaced, generations, seconds, precisions(results), pareto);
    }

    /** The precisions {@code results} trained in, float32 first, comma-separated; null when none says. */
    public static String precisions(List<TrialResult> results) {
        String ids = Arrays.stream(Precision.values())
                .filter(p -> results.stream().anyMatch(r -> r.precision() == p))
                .map(Precision::id).collect(Collectors.joining(","));
        return ids.isEmpty() ? null : ids;
    }

    /** Whether a backend trained it: complete, pruned, or failed after its training started. */
    public static boolean trained(TrialResult r) {
        return r.status() == TrialStatus.COMPLETE || r.status() == TrialStatus.PRUNED
                || (r.status() == TrialStatus.FAILED && r.seconds() > 0);
    }

    private static long count(List<TrialResult> results, TrialStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Pretty-printed JSON, as the file holds it. */
    public String toJson() {
        try {
            return JournalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary always serializes", e);
        }
    }

    /** Writes {@code file} at once ({@link AtomicFile}). */
    public void write(Path file) {
        AtomicFile.write(file, toJson());
    }

    /** The summary in {@code file}; empty when it is missing or unreadable (it is rebuilt from the journal). */
    public static Optional<Summary> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JournalJson.mapper().readValue(file.toFile(), Summary.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
