package io.cnnga.engine.cli;

import io.cnnga.engine.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code engine report DIR}: (re)builds a run's {@code report.html}, its pictures and
 * {@code trials.csv} from the run folder alone, finished or not.
 *
 * <pre>{@code
 * bin/engine report runs/fashion-quickstart
 * # Report: runs/fashion-quickstart/report.html
 * }</pre>
 *
 * <p>A folder without a run is a usage error (exit 2). TensorBoard logs are not rebuilt: the
 * run's backend writes them while it runs.
 */
@Command(name = "report", description = "Rebuild a run's report.html (and trials.csv) from its folder.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The run folder.")
    Path dir;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path page = RunReport.write(dir);
        spec.commandLine().getOut().println("Report: " + page);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
