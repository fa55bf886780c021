package io.cnnga.engine.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.TrainingListener;
import io.cnnga.engine.journal.JournalJson;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * What {@code engine worker} writes on its standard output: one JSON object per line, progress
 * first, the result last.
 *
 * <pre>{@code
 * {"type":"step","epoch":1,"step":40,"steps":57,"loss":0.81,"accuracy":0.70}
 * {"type":"epoch","epoch":1,"loss":0.74,"accuracy":0.73,"validationLoss":0.6,"validationAccuracy":0.78,...}
 * {"type":"result","generation":0,"index":2,"genome":"0101...","status":"COMPLETE","fitness":0.78,...}
 * }</pre>
 *
 * <p>The result line is a {@code trial-finished} journal event without its time. Step lines are
 * sent at most {@value #STEP_INTERVAL_MILLIS} ms apart (and for the last step of an epoch): a
 * progress bar needs no more. A line that is not such an object (something a library printed) is
 * ignored by the reader.
 */
public final class WorkerOutput {

    static final long STEP_INTERVAL_MILLIS = 250;

    private WorkerOutput() {
    }

    /**
     * Writes the protocol; thread-safe.
     *
     * <pre>{@code
     * WorkerOutput.Writer out = new WorkerOutput.Writer(new PrintWriter(System.out));
     * out.result(TrialWorker.run(requestJson, pluginDirs, out.progress()));
     * }</pre>
     */
    public static final class Writer {

        private final PrintWriter out;
        private long lastStep;

        public Writer(PrintWriter out) {
            this.out = out;
        }

        /** Forwards a training's progress as step and epoch lines. */
        public TrainingListener progress() {
            return new TrainingListener() {
                @Override
                public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
                    long now = System.currentTimeMillis();
                    synchronized (Writer.this) {
                        if (now - lastStep < STEP_INTERVAL_MILLIS && step < steps) {
                            return;
                        }
                        lastStep = now;
                    }
                    ObjectNode line = JournalJson.mapper().createObjectNode().put("type", "step").put("epoch", epoch)
                            .put("step", step).put("steps", steps).put("loss", loss).put("accuracy", accuracy);
                    write(line);
                }

                @Override
                public void onEpoch(EpochMetrics metrics) {
                    ObjectNode line = JournalJson.mapper().createObjectNode().put("type", "epoch");
                    line.setAll((ObjectNode) JournalJson.mapper().valueToTree(metrics));
                    write(line);
                }
            };
        }

        /** The last line: the result, as {@link TrialRequest#writeResult} wrote it. */
        public void result(String resultJson) {
            ObjectNode line = JournalJson.mapper().createObjectNode().put("type", "result");
            try {
                line.setAll((ObjectNode) JournalJson.mapper().readTree(resultJson));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a result: " + resultJson, e);
            }
            write(line);
        }

        private synchronized void write(ObjectNode line) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * Handles one line a worker wrote: progress goes to {@code progress}; the result line's JSON
     * is returned.
     */
    static Optional<String> read(String line, TrainingListener progress) {
        if (!line.startsWith("{\"type\":")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JournalJson.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        switch (node.path("type").asText()) {
            case "step" -> progress.onStep(node.path("epoch").asInt(), node.path("step").asInt(),
                    node.path("steps").asInt(), node.path("loss").asDouble(), node.path("accuracy").asDouble());
            case "epoch" -> {
                ObjectNode metrics = ((ObjectNode) node).deepCopy();
                metrics.remove("type");
                progress.onEpoch(JournalJson.mapper().convertValue(metrics, EpochMetrics.class));
            }
            case "result" -> {
                ObjectNode result = ((ObjectNode) node).deepCopy();
                result.remove("type");
                return Optional.of(result.toString());
            }
            default -> {
                // a line of a newer protocol: ignored
            }
        }
        return Optional.empty();
    }
}
