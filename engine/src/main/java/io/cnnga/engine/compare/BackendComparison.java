package io.cnnga.engine.compare;

import io.cnnga.api.Backend;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Decoder;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.Genome;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.engine.run.RunConsole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains each genome on each backend with the same data, splits, seed and training settings,
 * then measures it on the test split.
 *
 * <pre>{@code
 * Comparison c = new BackendComparison(plan.name(), plan.seed(), "fashion-mnist", decoder, splits,
 *         plan.trialConfig(), Map.of("tensorflow", tf, "pytorch", torch), console).run(genomes);
 * }</pre>
 *
 * <p>Genome by genome, backend by backend in turn, one training at a time in this process, so
 * that the backends' timings are taken under the same conditions. Every epoch of the plan's
 * training runs: unlike a search trial, a comparison ignores {@code training.maxTrialSeconds},
 * since a network stopped early on one backend would not be comparable with the other. A
 * training that fails (out of memory, a diverging loss, a framework error) becomes a failed
 * outcome with its reason; the other trainings still run.
 */
public final class BackendComparison {

    private final String plan;
    private final long seed;
    private final String dataset;
    private final Decoder decoder;
    private final DataSplits data;
    private final TrainingConfig config;
    private final Map<String, Backend> backends;
    private final RunConsole console;

    /**
     * @param backends the backends by id, in the order their columns appear
     */
    public BackendComparison(String plan, long seed, String dataset, Decoder decoder, DataSplits data,
                             TrainingConfig config, Map<String, Backend> backends, RunConsole console) {
        this.plan = plan;
        this.seed = seed;
        this.dataset = dataset;
        this.decoder = decoder;
        this.data = data;
        this.config = config;
        this.backends = new LinkedHashMap<>(backends);
        this.console = console;
    }

    public Comparison run(List<Genome> genomes) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (int i = 0; i < genomes.size(); i++) {
            Genome genome = genomes.get(i);
            ModelSpec spec = decoder.decode(genome, data.info());
            console.message(String.format(Locale.ROOT, "Genome %d of %d: %s (%,d params, %.1f MFLOP)", i + 1,
                    genomes.size(), genome, spec.params(), spec.forwardFlops() / 1e6));
            List<BackendOutcome> outcomes = new ArrayList<>();
            for (Map.Entry<String, Backend> backend : backends.entrySet()) {
                BackendOutcome o = train(backend.getKey(), backend.getValue(), spec,
                        console.training(genome + " on " + backend.getKey(), config.batchSize()));
                console.message("  " + describe(o));
                outcomes.add(o);
            }
            rows.add(new ComparisonRow(genome, spec.params(), outcomes));
        }
        return new Comparison(plan, seed, dataset, data.train().size(), data.validation().size(), data.test().size(),
                config, List.copyOf(backends.keySet()), rows);
    }

    private BackendOutcome train(String id, Backend backend, ModelSpec spec, TrainingListener progress) {
        long start = System.nanoTime();
        try (TrainingSession session = backend.open(spec, config)) {
            EpochMetrics last = null;
            double trainSeconds = 0;
            long trainImages = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                last = session.trainEpoch(epoch, data.train(), data.validation(), progress);
                if (last.imagesPerSecond() > 0) {
                    trainImages += data.train().size();
                    trainSeconds += data.train().size() / last.imagesPerSecond();
                }
            }
            Evaluation test = session.evaluate(data.test());
            double validation = last == null || data.validation().size() == 0 ? Double.NaN : last.validationAccuracy();
            return BackendOutcome.completed(id, session.precision().id(), validation, test.accuracy(),
                    trainSeconds > 0 ? trainImages / trainSeconds : Double.NaN, seconds(start));
        } catch (RuntimeException | OutOfMemoryError e) {
            return BackendOutcome.failed(id, reason(e), seconds(start));
        }
    }

    private static String describe(BackendOutcome o) {
        if (!o.ok()) {
            return String.format(Locale.ROOT, "%s: failed after %.1f s: %s", o.backend(), o.seconds(), o.failure());
        }
        return String.format(Locale.ROOT, "%s (%s): validation %.4f, test %.4f, %,.0f train images/s, %.1f s", o.backend(),
                o.precision(), o.validationAccuracy(), o.testAccuracy(), o.trainImagesPerSecond(), o.seconds());
    }

    /** The first line of the message: frameworks' messages may carry native stack traces. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return e instanceof TrainingFailedException ? firstLine : e.getClass().getSimpleName() + ": " + firstLine;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
