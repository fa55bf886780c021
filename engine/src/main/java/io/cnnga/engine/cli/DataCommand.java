package io.cnnga.engine.cli;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.ImageSet;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code engine data PLAN.json}: loads the plan's dataset and prints each split's size, shape,
 * classes and per-class counts.
 *
 * <pre>{@code
 * bin/engine data plans/fashion-mnist.json
 * }</pre>
 */
@Command(name = "data", description = "Load the plan's dataset; print each split's size, shape, classes and per-class counts.")
final class DataCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.json")
    Path planFile;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan = PlanReader.read(planFile);
        long start = System.nanoTime();
        DataSplits splits = common.registry().dataset(plan.dataset()).load(plan.seed());
        double seconds = (System.nanoTime() - start) / 1e9;
        DataInfo info = splits.info();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "dataset %s: %dx%dx%d, %d classes, loaded in %.2f s (seed %d)%n", plan.dataset().id(),
                info.height(), info.width(), info.channels(), info.classes(), seconds, plan.seed());
        int nameWidth = Math.max(5, info.classNames().stream().mapToInt(String::length).max().orElse(5));
        out.printf(Locale.ROOT, "%-" + nameWidth + "s %10s %10s %10s%n", "class", "train", "validation", "test");
        int[] train = splits.train().classCounts();
        int[] validation = splits.validation().classCounts();
        int[] test = splits.test().classCounts();
        for (int c = 0; c < info.classes(); c++) {
            out.printf(Locale.ROOT, "%-" + nameWidth + "s %,10d %,10d %,10d%n", info.classNames().get(c),
                    train[c], validation[c], test[c]);
        }
        out.printf(Locale.ROOT, "%-" + nameWidth + "s %,10d %,10d %,10d%n", "total",
                splits.train().size(), splits.validation().size(), splits.test().size());
        long bytes = size(splits.train()) + size(splits.validation()) + size(splits.test());
        out.printf(Locale.ROOT, "pixels held as bytes: %.1f MB%n", bytes / 1e6);
        out.flush();
        return ExitCode.OK;
    }

    private static long size(ImageSet set) {
        return set.pixelBytes();
    }
}
