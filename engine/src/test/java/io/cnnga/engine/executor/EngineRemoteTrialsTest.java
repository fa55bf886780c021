package io.cnnga.engine.executor;

import io.cnnga.api.Genome;
import io.cnnga.api.RemoteTrials;
import io.cnnga.api.RemoteWorker;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PlanWriter;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.trial.PlanWorkbench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's side of the executor SPI: a trial sent as a request with a Java-serialised
 * {@link RemoteWorker}, trained by the real TensorFlow backend on tiny synthetic images, its
 * answer read back.
 */
class EngineRemoteTrialsTest {

    static final String PLAN = """
            {"name": "remote", "seed": 2,
             "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "classes": 2, "trainSize": 64, "testSize": 8}},
             "backend": {"id": "tensorflow", "options": {"device": "cpu"}},
             "training": {"epochs": 1, "batchSize": 32}}
            """;

    static RemoteTrials remote;
    static Trial trial;
    static Trial other;

    @BeforeAll
    static void prepare() {
        Plan plan = PlanReader.parse(PLAN, "test", "remote");
        remote = EngineRemoteTrials.forThisProcess(PlanWriter.toJson(plan));
        try (PlanWorkbench bench = PlanWorkbench.open(plan, PluginRegistry.load(List.of()))) {
            trial = bench.trial(3, 1, Genome.of("0".repeat(20)));
            other = bench.trial(3, 2, Genome.of("1" + "0".repeat(19)));
        }
    }

    static RemoteWorker sent(RemoteWorker worker) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(worker);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RemoteWorker) in.readObject();
        }
    }

    @Test
    void aSerialisedWorkerTrainsTheRequestAndItsAnswerIsTheTrialsResult() throws Exception {
        String answer = sent(remote.worker()).run(remote.request(trial), null, TrainingListener.NONE);
        TrialResult result = remote.result(trial, answer);
        assertThat(result.status()).as(result.reason()).isEqualTo(TrialStatus.COMPLETE);
        assertThat(result.generation()).isEqualTo(3);
        assertThat(result.index()).isEqualTo(1);
        assertThat(result.genome()).isEqualTo(trial.genome());
        assertThat(result.params()).isEqualTo(trial.spec().params());
        assertThat(result.history()).hasSize(1);
        assertThat(result.fitness()).isEqualTo(result.history().get(0).validationAccuracy()).isPositive();
    }

    @Test
    void theDeviceGivenToTheWorkerIsTheTrainingsDevice() throws Exception {
        // No GPU here: the backend refuses gpu:7, which shows that the device reached the training.
        String answer = sent(remote.worker()).run(remote.request(trial), "gpu:7", TrainingListener.NONE);
        TrialResult result = remote.result(trial, answer);
        assertThat(result.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(result.reason()).contains("device gpu:7 is not available");
    }

    @Test
    void anAnswerThatIsNoResultOfTheTrialFailsItSayingWhy() {
        String answerForOther = TrialRequest.writeResult(TrialResult.complete(other, List.of(), 1));
        assertThat(remote.result(trial, answerForOther)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.reason()).startsWith("the worker answered for 10000000000000000000 (generation 3, #2) instead of "
                    + "00000000000000000000 (generation 3, #1)");
        });
        assertThat(remote.result(trial, "Killed").reason()).startsWith("the worker's result is not a trial result: ");
        assertThat(remote.result(trial, null).reason()).isEqualTo("the worker gave no answer");
    }

    @Test
    void workersLoadTheEnginesPluginFoldersAndJvmsGetItsClassPath() {
        EngineRemoteTrials here = EngineRemoteTrials.forThisProcess("{}");
        assertThat(here.worker().pluginFolders()).isEqualTo(here.pluginFolders());
        assertThat(here.classPath()).isNotEmpty().allSatisfy(entry -> assertThat(java.nio.file.Path.of(entry)).isAbsolute());
        assertThat(here.classPath()).anyMatch(entry -> entry.contains("plugin-api") || entry.contains("cnnga-plugin-api"));
    }
}
