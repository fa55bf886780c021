package io.cnnga.engine.trial;

import io.cnnga.api.Backend;
import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.Preprocessing;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialRunner;
import io.cnnga.engine.plan.Objective;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;

/**
 * Everything a process needs to train a plan's trials: its decoder, its data (the search's
 * sample of the training split included) and its backend. The engine builds one for a run;
 * a child process or a cluster task builds its own from the plan's JSON, and so trains on
 * exactly the same data.
 *
 * <pre>{@code
 * try (PlanWorkbench bench = PlanWorkbench.open(planJson, PluginRegistry.load(List.of()))) {
 *     TrialResult r = bench.runner().run(bench.trial(generation, index, genome), TrainingListener.NONE);
 * }
 * }</pre>
 */
public final class PlanWorkbench implements AutoCloseable {

    private final Plan plan;
    private final Decoder decoder;
    private final DataSplits data;
    private final DataSplits trialData;
    private final Backend backend;
    private final Preprocessing preprocessing;

    private PlanWorkbench(Plan plan, Decoder decoder, DataSplits data, Preprocessing preprocessing, Backend backend) {
        this.plan = plan;
        this.decoder = decoder;
        this.data = data;
        this.preprocessing = preprocessing;
        this.backend = backend;
        this.trialData = trialSplits(plan, data);
    }

    /**
     * What a plan's trials train, validate and test on, given all of its data: the training split
     * sampled down to {@code search.trainLimit} images (seeded by the plan), the others as they are.
     * Trials may train on a sample; the final network trains on all of it.
     */
    public static DataSplits trialSplits(Plan plan, DataSplits data) {
        return plan.search().trainLimit() == 0 ? data : new DataSplits(
                SplitPolicy.sample(data.train(), plan.search().trainLimit(), plan.seed()), data.validation(), data.test());
    }

    /** Loads the plan's data and creates its decoder and backend. */
    public static PlanWorkbench open(Plan plan, PluginRegistry registry) {
        Decoder decoder = registry.decoder(plan.decoder());
        Dataset dataset = registry.dataset(plan.dataset());
        DataSplits data = dataset.load(plan.seed());
        return new PlanWorkbench(plan, decoder, data, dataset.preprocessing(), registry.backend(plan.backend()));
    }

    /** As {@link #open(Plan, PluginRegistry)}, from a resolved plan's JSON. */
    public static PlanWorkbench open(String planJson, PluginRegistry registry) {
        return open(PlanReader.parse(planJson, "plan", "plan"), registry);
    }

    public Plan plan() {
        return plan;
    }

    public Decoder decoder() {
        return decoder;
    }

    public Backend backend() {
        return backend;
    }

    /** All the data: the final network trains on it. */
    public DataSplits data() {
        return data;
    }

    /** What trials train and validate on. */
    public DataSplits trialData() {
        return trialData;
    }

    public DataInfo info() {
        return data.info();
    }

    /** How the dataset made its images into the input: what a model card tells the network's users. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The trial a genome of a generation stands for, trained as the plan's {@code training} says. */
    public Trial trial(int generation, int index, Genome genome) {
        return new Trial(generation, index, genome, decoder.decode(genome, info()), plan.trialConfig());
    }

    /** Trains trials in this process, within the plan's time budget. */
    public BackendTrialRunner runner() {
        return new BackendTrialRunner(backend, trialData, plan.training().maxTrialSeconds(),
                plan.search().objectives().contains(Objective.LATENCY));
    }

    @Override
    public void close() {
        backend.close();
    }
}
