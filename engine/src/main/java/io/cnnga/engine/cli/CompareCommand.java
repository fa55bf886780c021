package io.cnnga.engine.cli;

import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.compare.BackendComparison;
import io.cnnga.engine.compare.CompareFolder;
import io.cnnga.engine.compare.ComparedGenomes;
import io.cnnga.engine.compare.Comparison;
import io.cnnga.engine.compare.OpenBackends;
import io.cnnga.engine.compare.ComparisonTable;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PluginChoice;
import io.cnnga.engine.plugin.PluginKind;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.trial.PlanWorkbench;
import io.cnnga.engine.run.RunConsole;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code engine compare PLAN.json --backends A,B [--genomes G1,G2,...] [--out DIR]}: trains the
 * same genomes on several backends with the plan's data, splits, seed and training, and prints
 * and writes ({@code compare.csv}, {@code compare.html}) a side-by-side table.
 *
 * <pre>{@code
 * bin/engine compare plans/quickstart.json --backends tensorflow,pytorch
 * bin/engine compare plans/quickstart.json --backends tensorflow,pytorch --genomes 01010001110010011100 --out runs/cmp
 * }</pre>
 *
 * <p>Everything the user can get wrong (the plan, an unknown backend id, a genome that is not a
 * bit string of the decoder's length, a folder that already holds a comparison) is checked
 * before any data is loaded or network trained.
 */
@Command(name = "compare", description = {
    "Train the same genomes on several backends (same data, splits, seed and training) and compare them side by side.",
    "Default genomes: the plan's seeded first generation, the genomes 'engine run' trains first.",
    "Every network trains for training.epochs on the plan's trial sample (training.maxTrialSeconds is not applied), "
        + "then is tested on the test split.",
    "Networks train one at a time in this process (the plan's executor is not used), so their timings compare.",
    "Backends other than the plan's own use their default options."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.json")
    Path planFile;

    @Option(names = "--backends", required = true, paramLabel = "A,B", description = "Backend ids, comma-separated, e.g. tensorflow,pytorch.")
    String backends;

    @Option(names = "--genomes", paramLabel = "G1,G2", description = "Genomes to train, comma-separated bit strings (default: the plan's first generation).")
    String genomes;

    @Option(names = {"--out", "--output"}, paramLabel = "DIR",
            description = "Folder for compare.csv and compare.html (default: a new RUN-compare folder beside the plan's output).")
    Path out;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = PlanReader.read(planFile);
        PluginRegistry registry = common.registry();
        List<String> ids = backendIds(backends, registry.ids(PluginKind.BACKEND));
        Decoder decoder = registry.decoder(plan.decoder());
        Dataset dataset = registry.dataset(plan.dataset());
        List<Genome> chosen = genomes != null
                ? ComparedGenomes.parse(genomes, decoder, plan.decoder().id())
                : ComparedGenomes.firstGeneration(plan, decoder, dataset.info());
        CompareFolder folder = out != null ? CompareFolder.chosen(out) : CompareFolder.besideRun(Path.of(plan.output()));

        PrintWriter printer = spec.commandLine().getOut();
        RunConsole console = new RunConsole(System.console() != null, printer);
        console.message("Comparing " + String.join(", ", ids) + " on " + chosen.size() + " genome"
                + (chosen.size() == 1 ? "" : "s") + (genomes == null ? " (the plan's first generation)" : "")
                + "; loading " + plan.dataset().id() + " ...");
        DataSplits data = PlanWorkbench.trialSplits(plan, dataset.load(plan.seed()));

        // The plan's options belong to the plan's backend; any other starts from its defaults.
        try (OpenBackends opened = OpenBackends.open(ids, id ->
                registry.backend(id.equals(plan.backend().id()) ? plan.backend() : PluginChoice.of(id)))) {
            Comparison comparison = new BackendComparison(plan.name(), plan.seed(), plan.dataset().id(), decoder, data,
                    plan.trialConfig(), opened.byId(), console).run(chosen);
            console.close();
            folder.write(comparison);
            printer.println();
            printer.print(ComparisonTable.of(comparison));
            printer.println("Wrote " + folder.csv() + " and " + folder.html());
            printer.flush();
        } finally {
            console.close();
        }
        return ExitCode.OK;
    }

    /**
     * The ids of {@code --backends}, in order.
     *
     * @throws InvalidInputException for an empty or repeated id, or one no plugin offers (listing those available)
     */
    static List<String> backendIds(String list, List<String> available) {
        List<String> ids = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                throw new InvalidInputException("--backends: empty backend id in \"" + list + "\"; e.g. --backends tensorflow,pytorch");
            }
            if (ids.contains(id)) {
                throw new InvalidInputException("--backends: \"" + id + "\" is listed twice");
            }
            if (!available.contains(id)) {
                throw new InvalidInputException("--backends: unknown backend \"" + id + "\"; available: "
                        + (available.isEmpty() ? "none" : available.stream().sorted().collect(Collectors.joining(", "))));
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }
}
