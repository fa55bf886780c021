package io.cnnga.executor.spark;

import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.JournalEvent;
import io.cnnga.engine.journal.TrialFinished;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: what the Spark tests read of a run's journal, whatever order its trials finished in. */
final class RunJournal {

    private RunJournal() {
    }

    static <T extends JournalEvent> List<T> events(Path run, Class<T> kind) {
        return ComparableJournal.events(run, kind);
    }

    /** generation/index → genome, and each generation's population. */
    static Map<String, String> genomes(Path run) {
        Map<String, String> genomes = new TreeMap<>();
        events(run, TrialFinished.class).forEach(t -> genomes.put(t.generation() + "/" + t.index(), t.genome()));
        events(run, GenerationFinished.class).forEach(g -> genomes.put(g.generation() + "/population",
                g.population().toString()));
        return genomes;
    }

    static Map<String, Double> fitness(Path run) {
        Map<String, Double> fitness = new TreeMap<>();
        events(run, TrialFinished.class).forEach(t -> fitness.put(t.generation() + "/" + t.index(), t.fitness()));
        return fitness;
    }

    /** The journal without times and durations ({@link ComparableJournal}), trial events sorted within their generation. */
    static List<String> comparable(Path run) {
        List<String> lines = new ArrayList<>();
        List<String> trials = new ArrayList<>();
        for (String event : ComparableJournal.of(run)) {
            if (event.startsWith("{\"type\":\"" + TrialFinished.TYPE + "\"")) {
                trials.add(event);
                continue;
            }
            Collections.sort(trials);
            lines.addAll(trials);
            trials.clear();
            lines.add(event);
        }
        Collections.sort(trials);
        lines.addAll(trials);
        return lines;
    }
}
