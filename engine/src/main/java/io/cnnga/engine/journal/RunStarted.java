package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal's first event: the resolved plan and the sizes of the data the run works on.
 *
 * <pre>{@code
 * journal.append(new RunStarted(Instant.now(), (ObjectNode) mapper.readTree(planJson), 20,
 *         54_000, 12_000, 6_000, 10_000));
 * }</pre>
 *
 * @param time         when the run started
 * @param plan         the resolved plan, as the run's {@code plan.json} holds it
 * @param genomeLength bits per genome
 * @param train        images of the training split (what the final network trains on)
 * @param trialTrain   images each search trial trains on ({@code search.trainLimit})
 * @param validation   images of the validation split
 * @param test         images of the test split
 * @param format       the journal's format: {@value #FORMAT} for journals this engine writes; null
 *                     (absent) in those of engines before the field, format 1 ({@link #journalFormat()}),
 *                     whose recorded plans {@link EarlierEngines} completes
 */
@JsonPropertyOrder({"time", "plan", "genomeLength", "train", "trialTrain", "validation", "test", "format"})
public record RunStarted(@JsonProperty(required = true) Instant time,
                         @JsonProperty(required = true) ObjectNode plan,
                         @JsonProperty(required = true) int genomeLength,
                         @JsonProperty(required = true) int train,
                         int trialTrain,
                         @JsonProperty(required = true) int validation,
                         @JsonProperty(required = true) int test,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer format) implements JournalEvent {

    public static final String TYPE = "run-started";

    /**
     * The format this engine writes. 2: the recorded plan holds the plugins' options as the plan
     * gave them (a built-in backend without {@code precision} means its default, {@code auto}).
     */
    public static final int FORMAT = 2;

    public RunStarted {
        Events.require(time != null, "time", "is missing");
        Events.require(plan != null, "plan", "is missing");
        Events.require(genomeLength > 0, "genomeLength", "must be > 0, was " + genomeLength);
        Events.require(train >= 0 && validation >= 0 && test >= 0, "train", "split sizes must be >= 0");
        Events.require(format == null || format >= 1 && format <= FORMAT, "format", "is " + format
                + ", from a newer engine (this one reads 1 to " + FORMAT + "); resume the run with the engine that started it");
        plan = plan.deepCopy();
        if (trialTrain == 0) {
            // journals of engines before search.trainLimit: trials trained on the whole split
            trialTrain = train;
        }
    }

    /** The event of a run this engine starts (the current {@link #FORMAT}). */
    public RunStarted(Instant time, ObjectNode plan, int genomeLength, int train, int trialTrain, int validation,
                      int test) {
        this(time, plan, genomeLength, train, trialTrain, validation, test, FORMAT);
    }

    @Override
    public ObjectNode plan() {
        return plan.deepCopy();
    }

    /** The journal's format: {@link #format()}, or 1 in a journal of an engine before the field. */
    public int journalFormat() {
        return format == null ? 1 : format;
    }

    /**
     * The plan as this engine resolves it; a key added to the engine since the run started means
     * what the engine that started it did ({@link EarlierEngines}), so the run resumes as it began.
     *
     * @throws io.cnnga.api.InvalidInputException when this engine cannot read the recorded plan
     */
    public Plan resolvedPlan(String source) {
        return resolve(plan, source);
    }

    /**
     * A plan recorded in this run's journal (its own, or a later one a resumption recorded) as this
     * engine resolves it (see {@link #resolvedPlan}).
     */
    Plan resolve(ObjectNode recorded, String source) {
        return PlanReader.parse(EarlierEngines.complete(recorded, journalFormat()).toString(), source, "run");
    }

    /** The recorded plan's top-level sections as JSON, in order, for showing them as they were. */
    public Map<String, com.fasterxml.jackson.databind.JsonNode> planSections() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> sections = new LinkedHashMap<>();
        plan.fields().forEachRemaining(e -> sections.put(e.getKey(), e.getValue().deepCopy()));
        return sections;
    }
}
