package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cnnga.api.EpochMetrics;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The best genome's network was trained from scratch, tested once and exported.
 *
 * <pre>{@code
 * FinalFinished f = ...;
 * f.testAccuracy();          // measured once, on the test split
 * f.confusionMatrix()[3][5]; // test images of class 3 predicted as class 5
 * }</pre>
 *
 * @param time                when it was journalled
 * @param genome              the genome trained
 * @param epochs              epochs trained
 * @param history             per-epoch training and validation metrics
 * @param testLoss            mean cross-entropy on the test split
 * @param testAccuracy        accuracy on the test split
 * @param seconds             wall time of training, test and export
 * @param model               the export's folder, relative to the run folder
 * @param classNames          the dataset's class names, by label
 * @param confusionMatrix     test counts of (true class, predicted class)
 * @param parameterHistograms the conv layers' bias distributions after each epoch
 */
@JsonPropertyOrder({"time", "genome", "epochs", "history", "testLoss", "testAccuracy", "seconds", "model", "classNames",
        "confusionMatrix", "parameterHistograms"})
public record FinalFinished(@JsonProperty(required = true) Instant time,
                            @JsonProperty(required = true) String genome,
                            @JsonProperty(required = true) int epochs,
                            List<EpochMetrics> history,
                            double testLoss,
                            @JsonProperty(required = true) double testAccuracy,
                            double seconds,
                            String model,
                            List<String> classNames,
                            long[][] confusionMatrix,
                            List<ParameterHistogram> parameterHistograms) implements JournalEvent {

    public static final String TYPE = "final-finished";

    public FinalFinished {
        Events.require(time != null, "time", "is missing");
        Events.require(genome != null, "genome", "is missing");
        Events.require(epochs >= 1, "epochs", "must be >= 1, was " + epochs);
        Events.require(testAccuracy >= 0 && testAccuracy <= 1, "testAccuracy", "must be in [0, 1], was " + testAccuracy);
        history = history == null ? List.of() : List.copyOf(history);
        model = model == null ? "model" : model;
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        confusionMatrix = confusionMatrix == null ? new long[0][] : deepCopy(confusionMatrix);
        for (long[] row : confusionMatrix) {
            Events.require(row != null && row.length == confusionMatrix.length, "confusionMatrix", "must be square");
        }
        parameterHistograms = parameterHistograms == null ? List.of() : List.copyOf(parameterHistograms);
    }

    @Override
    public long[][] confusionMatrix() {
        return deepCopy(confusionMatrix);
    }

    /** Validation accuracy after the last epoch; 0 without history. */
    public double lastValidationAccuracy() {
        return history.isEmpty() ? 0 : history.get(history.size() - 1).validationAccuracy();
    }

    private static long[][] deepCopy(long[][] m) {
        return Arrays.stream(m).map(row -> row == null ? null : row.clone()).toArray(long[][]::new);
    }
}
