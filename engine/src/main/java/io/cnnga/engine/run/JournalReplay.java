package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnga.api.TrialResult;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an earlier process already recorded in a run's journal: the results it needs not compute
 * again, the generations it finished, whether the final training and the run are done.
 *
 * <pre>{@code
 * JournalReplay replay = JournalReplay.of(Journal.read(folder.journal()));
 * Optional<TrialResult> known = replay.trial(3, 1);
 * }</pre>
 */
public final class JournalReplay {

    private final Map<Long, TrialResult> trials = new HashMap<>();
    private final Set<Integer> generations = new HashSet<>();
    private JsonNode runStarted;
    private JsonNode finalFinished;
    private JsonNode runFinished;

    private JournalReplay() {
    }

    public static JournalReplay of(List<JsonNode> events) {
        JournalReplay replay = new JournalReplay();
        for (JsonNode event : events) {
            switch (event.get("type").asText()) {
                case "run-started" -> replay.runStarted = event;
                case "trial-finished" -> {
                    TrialResult r = TrialJson.read(event);
                    replay.trials.put(key(r.generation(), r.index()), r);
                }
                case "generation-finished" -> replay.generations.add(event.get("generation").asInt());
                case "final-finished" -> replay.finalFinished = event;
                case "run-finished" -> replay.runFinished = event;
                default -> { }
            }
        }
        return replay;
    }

    public static JournalReplay empty() {
        return new JournalReplay();
    }

    private static long key(int generation, int index) {
        return ((long) generation << 32) | (index & 0xFFFFFFFFL);
    }

    public Optional<TrialResult> trial(int generation, int index) {
        return Optional.ofNullable(trials.get(key(generation, index)));
    }

    public int trialCount() {
        return trials.size();
    }

    public boolean generationRecorded(int generation) {
        return generations.contains(generation);
    }

    public Optional<JsonNode> runStarted() {
        return Optional.ofNullable(runStarted);
    }

    public Optional<JsonNode> finalFinished() {
        return Optional.ofNullable(finalFinished);
    }

    public Optional<JsonNode> runFinished() {
        return Optional.ofNullable(runFinished);
    }
}
