package io.cnnga.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A small run on the real TensorFlow backend: its TensorBoard event files, read back frame by
 * frame with their CRCs checked, hold each trial's per-epoch scalars and the final network's
 * scalars and conv bias and kernel histograms; the report draws the biases.
 */
class TensorBoardEventsTest {

    static final String PLAN = """
            {"name": "tensorboard", "seed": 4,
             "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "classes": 3, "trainSize": 96, "testSize": 24}},
             "backend": {"id": "tensorflow"},
             "training": {"epochs": 2, "batchSize": 32},
             "search": {"population": 2, "generations": 2, "elites": 1, "maxParams": 4e6},
             "final": {"epochs": 2}}
            """;

    @TempDir
    Path dir;

    @Test
    void eventFilesHoldTheTrialsScalarsAndTheFinalNetworksHistograms() throws Exception {
        Plan plan = PlanReader.parse(PLAN, "test", "tensorboard");
        Path out = dir.resolve("run");
        new SearchRun(plan, PluginRegistry.load(List.of()), RunConsole.silent()).execute(out);
        Path board = out.resolve(TensorBoardLogs.DIR);

        // every trained trial: train and validation scalars per epoch, equal to the journal's history
        List<TrialFinished> trained = ComparableJournal.events(out, TrialFinished.class).stream()
                .filter(e -> e.status() == TrialStatus.COMPLETE).toList();
        assertThat(trained).isNotEmpty();
        for (TrialFinished trial : trained) {
            Path logs = board.resolve(TensorBoardLogs.trialFolder(trial.generation(), trial.index()));
            List<EventFiles.Value> train = EventFiles.values(logs.resolve("train"));
            List<EventFiles.Value> validation = EventFiles.values(logs.resolve("validation"));
            assertThat(tagsAndSteps(train)).containsExactlyInAnyOrder(
                    "epoch_loss@1", "epoch_loss@2", "epoch_accuracy@1", "epoch_accuracy@2", "epoch_seconds@1",
                    "epoch_seconds@2", "epoch_images_per_second@1", "epoch_images_per_second@2");
            assertThat(tagsAndSteps(validation)).containsExactlyInAnyOrder(
                    "epoch_loss@1", "epoch_loss@2", "epoch_accuracy@1", "epoch_accuracy@2");
            EpochMetrics last = trial.history().get(1);
            assertThat(scalar(validation, "epoch_accuracy", 2)).isCloseTo(last.validationAccuracy(), within(1e-6));
            assertThat(scalar(train, "epoch_loss", 2)).isCloseTo(last.loss(), within(1e-5));
        }
        assertThat(tagsAndSteps(EventFiles.values(board.resolve("search")))).containsExactlyInAnyOrder(
                "best_validation_accuracy@0", "mean_validation_accuracy@0",
                "best_validation_accuracy@1", "mean_validation_accuracy@1");

        // the final network: a bias and a kernel histogram per conv layer and epoch, of every value
        JsonNode network = Summary.read(out.resolve(Summary.FILE)).orElseThrow().network();
        List<JsonNode> convs = new ArrayList<>();
        network.get("layers").forEach(l -> {
            if (l.get("type").asText().equals("Conv2D")) {
                convs.add(l);
            }
        });
        assertThat(convs).isNotEmpty();
        List<EventFiles.Value> fin = EventFiles.values(board.resolve("final/train"));
        for (JsonNode conv : convs) {
            String name = conv.get("name").asText();
            int filters = conv.get("config").get("filters").asInt();
            for (int epoch = 1; epoch <= 2; epoch++) {
                EventFiles.Histogram bias = histogram(fin, name + "/bias", epoch);
                EventFiles.Histogram kernel = histogram(fin, name + "/kernel", epoch);
                assertThat(bias.count()).isEqualTo(filters);
                assertThat(kernel.count()).isEqualTo(conv.get("params").asLong() - filters);
                assertThat(bias.min()).isLessThanOrEqualTo(bias.max());
            }
        }
        assertThat(tagsAndSteps(fin)).contains("epoch_loss@1", "epoch_loss@2", "epoch_accuracy@2");
        assertThat(tagsAndSteps(EventFiles.values(board.resolve("final/validation")))).contains("epoch_accuracy@2");
        FinalFinished finalEvent = ComparableJournal.events(out, FinalFinished.class).get(0);
        assertThat(scalar(EventFiles.values(board.resolve("final/test")), "epoch_accuracy", 2))
                .isCloseTo(finalEvent.testAccuracy(), within(1e-6));

        // the journal keeps the biases binned, and the report draws one chart per conv layer
        assertThat(finalEvent.parameterHistograms()).hasSize(2 * convs.size());
        for (JsonNode conv : convs) {
            assertThat(out.resolve(RunReport.IMAGES).resolve("bias-" + conv.get("name").asText() + ".png")).exists();
        }
        assertThat(Files.readString(out.resolve(RunReport.FILE))).contains("tensorboard --logdir");
    }

    private static Set<String> tagsAndSteps(List<EventFiles.Value> values) {
        return values.stream().map(v -> v.tag() + "@" + v.step()).collect(Collectors.toSet());
    }

    private static double scalar(List<EventFiles.Value> values, String tag, long step) {
        return values.stream().filter(v -> v.tag().equals(tag) && v.step() == step && v.scalar() != null)
                .findFirst().orElseThrow(() -> new AssertionError("no scalar " + tag + " at step " + step)).scalar();
    }

    private static EventFiles.Histogram histogram(List<EventFiles.Value> values, String tag, long step) {
        return values.stream().filter(v -> v.tag().equals(tag) && v.step() == step && v.histogram() != null)
                .findFirst().orElseThrow(() -> new AssertionError("no histogram " + tag + " at step " + step)).histogram();
    }
}
