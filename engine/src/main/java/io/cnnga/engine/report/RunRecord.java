package io.cnnga.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.run.Journal;
import io.cnnga.engine.run.TrialJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a run folder says about its run, read from {@code journal.jsonl} (the source of truth) and,
 * once the run has finished, {@code summary.json}: everything the report shows.
 *
 * <pre>{@code
 * RunRecord run = RunRecord.read(Path.of("runs/fashion-quickstart"));
 * run.trials().size();              // every trial-finished event
 * run.best().map(t -> t.result().genome());
 * }</pre>
 *
 * <p>A run still going, or killed, reads as far as its journal goes.
 *
 * @param dir           the run folder
 * @param runStarted    the {@code run-started} event (its {@code plan} is the resolved plan)
 * @param trials        every trial in journal order
 * @param generations   the {@code generation-finished} events in order
 * @param finalFinished the {@code final-finished} event, once the final network is trained
 * @param runFinished   the {@code run-finished} event, once the run is over
 * @param summary       {@code summary.json}, once written
 * @param lastEvent     time of the journal's last event: what the report is "as of"
 */
public record RunRecord(Path dir, JsonNode runStarted, List<Trial> trials, List<JsonNode> generations,
                        Optional<JsonNode> finalFinished, Optional<JsonNode> runFinished,
                        Optional<ObjectNode> summary, Instant lastEvent) {

    /**
     * One journalled trial.
     *
     * @param result     what it achieved
     * @param startedAt  when its training started (its journalling, for cached and refused trials)
     * @param finishedAt when it was journalled
     */
    public record Trial(TrialResult result, Instant startedAt, Instant finishedAt) {

        /** Whether a backend trained it to a validation accuracy (not cached, not failed). */
        public boolean trainedToFitness() {
            return result.status() == TrialStatus.COMPLETE || result.status() == TrialStatus.PRUNED;
        }
    }

    /**
     * Reads the run in {@code dir}.
     *
     * @throws InvalidInputException when {@code dir} holds no run (no journal, or one without a
     *                               {@code run-started} event)
     */
    public static RunRecord read(Path dir) {
        Path journal = dir.resolve(Journal.FILE);
        if (!Files.isRegularFile(journal)) {
            throw new InvalidInputException(dir + ": not a run folder (it has no " + Journal.FILE
                    + "); give the folder a run wrote, e.g. runs/<plan name>");
        }
        JsonNode started = null;
        // by (generation, index): should a trial ever be journalled twice, its last record counts
        Map<Long, Trial> trials = new LinkedHashMap<>();
        // by generation: a resumed run may journal a generation that an earlier process also finished
        TreeMap<Integer, JsonNode> generations = new TreeMap<>();
        JsonNode finalEvent = null;
        JsonNode finished = null;
        Instant last = null;
        for (JsonNode event : Journal.read(journal)) {
            if (event.hasNonNull("time")) {
                last = Instant.parse(event.get("time").asText());
            }
            switch (event.get("type").asText()) {
                case "run-started" -> started = started == null ? event : started;
                case "trial-finished" -> {
                    Instant at = Instant.parse(event.get("time").asText());
                    Instant from = event.hasNonNull("startedAt") ? Instant.parse(event.get("startedAt").asText()) : at;
                    TrialResult r = TrialJson.read(event);
                    trials.put(((long) r.generation() << 32) | r.index(), new Trial(r, from, at));
                }
                case "generation-finished" -> generations.put(event.get("generation").asInt(), event);
                case "final-finished" -> finalEvent = event;
                case "run-finished" -> finished = event;
                default -> { }
            }
        }
        if (started == null) {
            throw new InvalidInputException(journal + ": has no run-started event; it is not a cnnga journal");
        }
        Optional<ObjectNode> summary = Optional.empty();
        Path summaryFile = dir.resolve("summary.json");
        if (finished != null && Files.isRegularFile(summaryFile)) {
            try {
                summary = Optional.of((ObjectNode) Journal.mapper().readTree(summaryFile.toFile()));
            } catch (IOException | ClassCastException e) {
                // a broken summary is rebuilt from the journal below; the report does not need it
                summary = Optional.empty();
            }
        }
        return new RunRecord(dir, started, List.copyOf(trials.values()), List.copyOf(generations.values()),
                Optional.ofNullable(finalEvent), Optional.ofNullable(finished), summary,
                last == null ? Instant.parse(started.get("time").asText()) : last);
    }

    /** The resolved plan the run works to. */
    public JsonNode plan() {
        return runStarted.get("plan");
    }

    public String name() {
        return plan().path("name").asText("run");
    }

    public Instant started() {
        return Instant.parse(runStarted.get("time").asText());
    }

    /** Generations the plan asks for. */
    public int plannedGenerations() {
        return plan().path("search").path("generations").asInt();
    }

    /** The fittest trial so far (the earliest of equals), if any reached a fitness. */
    public Optional<Trial> best() {
        return trials.stream().filter(t -> t.result().status() != TrialStatus.FAILED)
                .max(Comparator.comparingDouble((Trial t) -> t.result().fitness())
                        .thenComparing(t -> -t.result().generation() * 100_000L - t.result().index()));
    }

    /** Trials of one generation, in index order. */
    public List<Trial> trialsOf(int generation) {
        return trials.stream().filter(t -> t.result().generation() == generation)
                .sorted(Comparator.comparingInt(t -> t.result().index())).toList();
    }

    /** Generations with at least one trial, in order. */
    public List<Integer> generationNumbers() {
        return trials.stream().map(t -> t.result().generation()).distinct().sorted().toList();
    }

    public long count(TrialStatus status) {
        return trials.stream().filter(t -> t.result().status() == status).count();
    }

    /** Trials a backend trained: complete, pruned, or failed after training started (as summary.json counts). */
    public long trained() {
        return trials.stream().filter(t -> {
            TrialResult r = t.result();
            return r.status() == TrialStatus.COMPLETE || r.status() == TrialStatus.PRUNED
                    || (r.status() == TrialStatus.FAILED && r.seconds() > 0);
        }).count();
    }

    /** Wall time: the run's own measure once finished, else from its start to its last event. */
    public double seconds() {
        return runFinished.map(e -> e.path("seconds").asDouble())
                .orElseGet(() -> Duration.between(started(), lastEvent).toMillis() / 1000.0);
    }

    /** The final network's per-epoch conv histograms, in journal order; empty before the final training. */
    public List<ParameterHistogram> parameterHistograms() {
        List<ParameterHistogram> out = new ArrayList<>();
        finalFinished.ifPresent(e -> e.path("parameterHistograms").forEach(h -> out.add(ParameterHistogram.fromJson(h))));
        return out;
    }

    /** The best network so far as {@code decode --json} prints it: summary.json's, else the last generation's. */
    public Optional<JsonNode> bestNetwork() {
        if (summary.isPresent() && summary.get().has("network")) {
            return Optional.of(summary.get().get("network"));
        }
        for (int i = generations.size() - 1; i >= 0; i--) {
            JsonNode network = generations.get(i).path("bestSoFar").get("network");
            if (network != null) {
                return Optional.of(network);
            }
        }
        return Optional.empty();
    }
}
