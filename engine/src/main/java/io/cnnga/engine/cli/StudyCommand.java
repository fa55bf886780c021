package io.cnnga.engine.cli;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.Pruner;
import io.cnnga.engine.plan.Strategy;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.study.Study;
import io.cnnga.engine.study.StudyDesign;
import io.cnnga.engine.study.StudyResult;
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

/**
 * {@code engine study PLAN.json --strategies ga,random [--pruners none,median] --seeds 1,2,3 [--final]
 * [--out DIR]}: runs the plan once per strategy (and pruner) and seed, each run an ordinary resumable run folder under DIR, and
 * compares the strategies at equal cost ({@code study.json}, {@code study.csv}, {@code study.html}).
 *
 * <pre>{@code
 * bin/engine study plans/quickstart.json --strategies ga,random --seeds 1,2,3
 * }</pre>
 */
@Command(name = "study", description = {
    "Run a plan under several search strategies and seeds and compare them at equal cost.",
    "Each run is an ordinary run folder under DIR (STRATEGY-seedN), resumed if unfinished when the study runs again.",
    "Every two arms are also compared seed by seed: wins, losses, ties and the two-sided sign test's p-value.",
    "Writes DIR/study.json, study.csv and study.html (best validation accuracy against networks trained and training seconds)."})
final class StudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.json")
    Path planFile;

    @Option(names = "--strategies", paramLabel = "S1,S2", defaultValue = "ga,random",
            description = "Search strategies, comma-separated (ga, random); default: ${DEFAULT-VALUE}.")
    String strategies;

    @Option(names = "--pruners", paramLabel = "P1,P2",
            description = "Pruners to compare, comma-separated (none, median, halving); default: the plan's own.")
    String pruners;

    @Option(names = "--seeds", paramLabel = "N1,N2", defaultValue = "1,2,3",
            description = "Seeds, comma-separated; default: ${DEFAULT-VALUE}.")
    String seeds;

    @Option(names = "--final", description = "Train and test each run's final network (default: final.epochs 0).")
    boolean finalNetwork;

    @Option(names = {"--out", "--output"}, paramLabel = "DIR", description = "Study folder (default: the plan's output with -study).")
    Path out;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = PlanReader.read(planFile);
        StudyDesign design = new StudyDesign(parseStrategies(strategies),
                pruners == null ? List.of(Pruner.NONE) : parsePruners(pruners), parseSeeds(seeds), finalNetwork);
        Path dir = out != null ? out : Path.of(plan.output() + "-study");
        PrintWriter printed = spec.commandLine().getOut();
        RunConsole console = new RunConsole(System.console() != null, printed);
        StudyResult result = new Study(plan, design, common.registry(), console).run(dir);
        printed.println();
        printed.print(result.table());
        printed.println("Study folder: " + dir + " (" + Study.JSON + ", " + Study.CSV + ", " + Study.HTML + ")");
        printed.flush();
        return ExitCode.OK;
    }

    static List<Strategy> parseStrategies(String text) {
        List<Strategy> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                Strategy s = Strategy.of(part.strip());
                if (out.contains(s)) {
                    throw new InvalidInputException("--strategies: " + s.id() + " is listed twice");
                }
                out.add(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--strategies: " + e.getMessage());
            }
        }
        return out;
    }

    static List<Pruner> parsePruners(String text) {
        List<Pruner> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                Pruner p = Pruner.of(part.strip());
                if (out.contains(p)) {
                    throw new InvalidInputException("--pruners: " + p.id() + " is listed twice");
                }
                out.add(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--pruners: " + e.getMessage());
            }
        }
        return out;
    }

    static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            long seed;
            try {
                seed = Long.parseLong(part.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--seeds: \"" + part.strip() + "\" is not an integer; give e.g. --seeds 1,2,3");
            }
            if (out.contains(seed)) {
                throw new InvalidInputException("--seeds: " + seed + " is listed twice");
            }
            out.add(seed);
        }
        return out;
    }
}
