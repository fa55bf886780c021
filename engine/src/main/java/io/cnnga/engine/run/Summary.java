package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.evolution.GenerationReport;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.report.RunReport;
import io.cnnga.engine.report.TensorBoardLogs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A run's {@code summary.json} (DESIGN §7) and the lines printed at its end.
 *
 * <pre>{@code
 * ObjectNode summary = Summary.of(plan, best, spec, explanation, finalEvent, results, reports, seconds);
 * }</pre>
 */
final class Summary {

    private Summary() {
    }

    static ObjectNode of(Plan plan, TrialResult best, ModelSpec bestSpec, String explanation, JsonNode finalEvent,
                         List<TrialResult> results, List<GenerationReport> reports, double seconds) {
        ObjectNode s = Journal.mapper().createObjectNode();
        s.put("name", plan.name());
        s.put("bestGenome", best.genome().bits());
        s.put("bestValidationAccuracy", best.fitness());
        if (finalEvent != null && finalEvent.has("testAccuracy")) {
            s.put("testAccuracy", finalEvent.get("testAccuracy").asDouble());
            s.put("finalValidationAccuracy", lastValidationAccuracy(finalEvent));
            s.put("finalEpochs", finalEvent.get("epochs").asInt());
        } else {
            s.putNull("testAccuracy");
        }
        s.set("network", NetworkJson.of(best.genome(), bestSpec, explanation));
        s.put("trials", results.size());
        s.put("trained", count(results, TrialStatus.COMPLETE) + count(results, TrialStatus.PRUNED)
                + results.stream().filter(r -> r.status() == TrialStatus.FAILED && r.seconds() > 0).count());
        s.put("cached", count(results, TrialStatus.CACHED));
        s.put("failed", count(results, TrialStatus.FAILED));
        s.put("pruned", count(results, TrialStatus.PRUNED));
        s.put("replacedOverBudget", reports.stream().mapToInt(GenerationReport::replaced).sum());
        s.put("generations", reports.size());
        s.put("seconds", seconds);
        return s;
    }

    private static double lastValidationAccuracy(JsonNode finalEvent) {
        JsonNode history = finalEvent.get("history");
        return history.isEmpty() ? 0 : history.get(history.size() - 1).get("validationAccuracy").asDouble();
    }

    private static long count(List<TrialResult> results, TrialStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    static String describe(ObjectNode s, Path dir) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nBest genome %s: validation accuracy %.4f%n",
                s.get("bestGenome").asText(), s.get("bestValidationAccuracy").asDouble()));
        if (!s.get("testAccuracy").isNull()) {
            b.append(String.format(Locale.ROOT, "Final network after %d epochs: test accuracy %.4f%n",
                    s.get("finalEpochs").asInt(), s.get("testAccuracy").asDouble()));
        }
        b.append(String.format(Locale.ROOT, "%d trials: %d trained, %d cached, %d failed, %d pruned; %.0f s%n",
                s.get("trials").asInt(), s.get("trained").asInt(), s.get("cached").asInt(), s.get("failed").asInt(),
                s.get("pruned").asInt(), s.get("seconds").asDouble()));
        if (Files.exists(dir.resolve(RunReport.FILE))) {
            b.append("Report: ").append(dir.resolve(RunReport.FILE)).append('\n');
        }
        if (Files.isDirectory(dir.resolve(TensorBoardLogs.DIR))) {
            b.append("TensorBoard: tensorboard --logdir ").append(dir.resolve(TensorBoardLogs.DIR)).append('\n');
        }
        b.append("Run folder: ").append(dir).append(" (summary.json, journal.jsonl, trials.csv, model/)");
        return b.toString();
    }
}
