package io.cnnga.engine.run;

import io.cnnga.api.Backend;
import io.cnnga.api.DataSplits;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.ParameterHistogram;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.report.TensorBoardLogs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The end of a search: the best genome's network trained from scratch for {@code final.epochs}
 * with validation tracked per epoch, measured once on the test split, and exported with its
 * model card.
 *
 * <pre>{@code
 * FinalFinished event = new FinalTraining(backend, splits, cards, console, tensorBoard)
 *         .train(best, spec, config, folder, null);
 * event.testAccuracy();
 * }</pre>
 *
 * <p>After each epoch it takes the conv layers' parameters once: their bias distributions go into
 * the journal (as {@link ParameterHistogram}s, for the report's Figures 8-10), and biases and
 * kernels into TensorBoard's histograms with the epoch's scalars. The export replaces the run
 * folder's {@code model/} only once it is complete ({@link RunFolder#replaceModel}), its
 * {@code model.json} and {@code README.md} ({@link ModelCard}) written into the new folder with it.
 */
final class FinalTraining {

    private final Backend backend;
    private final DataSplits data;
    private final ModelCards cards;
    private final RunConsole console;
    private final TensorBoardLogs tensorBoard;

    FinalTraining(Backend backend, DataSplits data, ModelCards cards, RunConsole console, TensorBoardLogs tensorBoard) {
        this.backend = backend;
        this.data = data;
        this.cards = cards;
        this.console = console;
        this.tensorBoard = tensorBoard;
    }

    /**
     * Trains, tests, exports; returns the journal's {@code final-finished} event.
     *
     * @param member null for the run's final network (exported to {@code model/}); a front
     *               member's genome to export it to {@code model/GENOME/}
     */
    FinalFinished train(Genome genome, ModelSpec spec, TrainingConfig config, RunFolder folder, String member) {
        console.message("Final training of " + genome + " for " + config.epochs() + " epochs ("
                + String.format(java.util.Locale.ROOT, "%,d", spec.params()) + " params)");
        long start = System.nanoTime();
        List<EpochMetrics> history = new ArrayList<>();
        List<ParameterHistogram> biases = new ArrayList<>();
        Set<String> convLayers = spec.summary().stream().filter(row -> row.layer() instanceof LayerSpec.Conv2D)
                .map(LayerSummary::name).collect(Collectors.toSet());
        TrainingListener progress = console.training("final", config.batchSize());
        try (TrainingSession session = backend.open(spec, config);
             TensorBoardLogs.FinalLogs board = tensorBoard.openFinal()) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                EpochMetrics m = session.trainEpoch(epoch, data.train(), data.validation(), progress);
                history.add(m);
                List<LayerParameter> conv = convLayers.isEmpty() ? List.of() : session.parameters(convLayers).stream()
                        .filter(p -> p.kind().equals(LayerParameter.BIAS) || p.kind().equals(LayerParameter.KERNEL))
                        .toList();
                for (LayerParameter p : conv) {
                    if (p.kind().equals(LayerParameter.BIAS)) {
                        biases.add(ParameterHistogram.of(p.layer(), p.kind(), epoch, p.values(),
                                ParameterHistogram.binsFor(p.values().length)));
                    }
                }
                board.epoch(m, conv);
            }
            Evaluation test = session.evaluate(data.test());
            board.test(config.epochs(), test);
            Instant exported = Instant.now();
            String model = member == null ? RunFolder.MODEL : RunFolder.MODEL + "/" + member;
            ModelCard card = cards.of(genome, spec, event(exported, genome, config, history, test, 0, model, biases),
                    member == null ? ModelCard.FINAL : ModelCard.FRONT);
            Consumer<Path> export = dir -> {
                session.export(dir);
                card.write(dir);
            };
            if (member == null) {
                folder.replaceModel(export);
            } else {
                folder.replaceModelMember(member, export);
            }
            return event(exported, genome, config, history, test, (System.nanoTime() - start) / 1e9, model, biases);
        }
    }

    private FinalFinished event(Instant time, Genome genome, TrainingConfig config, List<EpochMetrics> history,
                                Evaluation test, double seconds, String model, List<ParameterHistogram> biases) {
        return new FinalFinished(time, genome.bits(), config.epochs(), history, test.loss(), test.accuracy(), seconds,
                model, data.info().classNames(), test.confusionMatrix(data.test()), biases);
    }
}
