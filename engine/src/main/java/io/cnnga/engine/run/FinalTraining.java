package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Backend;
import io.cnnga.api.DataSplits;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.Genome;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The end of a search: the best genome's network trained from scratch for {@code final.epochs}
 * with validation tracked per epoch, measured once on the test split, and exported.
 *
 * <pre>{@code
 * ObjectNode event = new FinalTraining(backend, splits, console).train(best, spec, config, dir.resolve("model"));
 * event.get("testAccuracy").asDouble();
 * }</pre>
 */
final class FinalTraining {

    private final Backend backend;
    private final DataSplits data;
    private final RunConsole console;

    FinalTraining(Backend backend, DataSplits data, RunConsole console) {
        this.backend = backend;
        this.data = data;
        this.console = console;
    }

    /** Trains, tests, exports; returns the journal's {@code final-finished} event. */
    ObjectNode train(Genome genome, ModelSpec spec, TrainingConfig config, Path modelDir) {
        console.message("Final training of " + genome + " for " + config.epochs() + " epochs ("
                + String.format(java.util.Locale.ROOT, "%,d", spec.params()) + " params)");
        long start = System.nanoTime();
        List<EpochMetrics> history = new ArrayList<>();
        TrainingListener progress = console.training("final");
        try (TrainingSession session = backend.open(spec, config)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                EpochMetrics m = session.trainEpoch(epoch, data.train(), data.validation(), progress);
                history.add(m);
            }
            Evaluation test = session.evaluate(data.test());
            deleteIfPresent(modelDir);
            session.export(modelDir);
            ObjectNode event = Journal.event("final-finished");
            event.put("genome", genome.bits());
            event.put("epochs", config.epochs());
            TrialJson.writeHistory(event.putArray("history"), history);
            event.put("testLoss", test.loss());
            event.put("testAccuracy", test.accuracy());
            event.put("seconds", (System.nanoTime() - start) / 1e9);
            event.put("model", modelDir.getFileName().toString());
            ArrayNode names = event.putArray("classNames");
            data.info().classNames().forEach(names::add);
            ArrayNode matrix = event.putArray("confusionMatrix");
            for (long[] row : test.confusionMatrix(data.test())) {
                ArrayNode r = matrix.addArray();
                for (long v : row) {
                    r.add(v);
                }
            }
            return event;
        }
    }

    /** An export left by an interrupted final training (never recorded as finished). */
    private static void deleteIfPresent(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + dir, e);
        }
    }
}
