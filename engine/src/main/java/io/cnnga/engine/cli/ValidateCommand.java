package io.cnnga.engine.cli;

import io.cnnga.api.Dataset;
import io.cnnga.api.Decoder;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code engine validate PLAN.json}: checks the plan and that every plugin id and option
 * resolves; prints nothing on success.
 *
 * <pre>{@code
 * bin/engine validate plans/quickstart.json && echo ok
 * }</pre>
 */
@Command(name = "validate", description = "Check a plan and its plugins; print nothing on success.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.json")
    Path planFile;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Plan plan = PlanReader.read(planFile);
        PluginRegistry registry = common.registry();
        checkPlugins(plan, registry);
        return ExitCode.OK;
    }

    /** Creates every plugin the plan names, so each consumes (and checks) its options. */
    static void checkPlugins(Plan plan, PluginRegistry registry) {
        Dataset dataset = registry.dataset(plan.dataset());
        Decoder decoder = registry.decoder(plan.decoder());
        dataset.info();
        decoder.genomeLength();
        // Created only so that they check their options; closing releases whatever they opened.
        registry.backend(plan.backend()).close();
        registry.executor(plan.executor()).close();
    }
}
