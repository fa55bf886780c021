package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PluginChoice;
import io.cnnga.engine.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code engine decode BITS}: prints the network a genome decodes to.
 *
 * <pre>{@code
 * bin/engine decode 01010001110010011100            # paper decoder, 32x32x3, 10 classes
 * bin/engine decode 0101... --plan plan.json --json # the plan's decoder and dataset shape
 * }</pre>
 */
@Command(name = "decode", description = "Print the network a genome decodes to (default: paper decoder, 32x32x3, 10 classes).")
final class DecodeCommand implements Callable<Integer> {

    static final DataInfo DEFAULT_INPUT = DataInfo.of("32x32x3", 32, 32, 3, 10);

    @Parameters(index = "0", paramLabel = "BITS", description = "The genome, e.g. 01010001110010011100.")
    String bits;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "Use this plan's decoder and dataset shape.")
    Path planFile;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = common.registry();
        Decoder decoder;
        DataInfo info;
        String decoderId;
        if (planFile != null) {
            Plan plan = PlanReader.read(planFile);
            decoder = registry.decoder(plan.decoder());
            info = registry.dataset(plan.dataset()).info();
            decoderId = plan.decoder().id();
        } else {
            decoderId = "paper";
            decoder = registry.decoder(PluginChoice.of(decoderId));
            info = DEFAULT_INPUT;
        }
        Genome genome = parse(bits, decoder, decoderId);
        ModelSpec model;
        try {
            model = decoder.decode(genome, info);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("genome " + genome + ": the " + decoderId + " decoder cannot build it for "
                    + info.height() + "x" + info.width() + "x" + info.channels() + " images: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(NetworkJson.of(genome, model, decoder.explain(genome))));
        } else {
            out.println("Genome " + genome + " (" + decoderId + " decoder)");
            String explanation = decoder.explain(genome);
            if (!explanation.isEmpty()) {
                out.println(explanation);
            }
            out.print(model.describe());
        }
        out.flush();
        return ExitCode.OK;
    }

    static Genome parse(String bits, Decoder decoder, String decoderId) {
        return parse(bits, decoder, decoderId, "BITS");
    }

    /** @param what what the message names: the parameter or option the bits came from */
    static Genome parse(String bits, Decoder decoder, String decoderId, String what) {
        Genome genome;
        try {
            genome = Genome.of(bits);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + e.getMessage());
        }
        if (genome.length() != decoder.genomeLength()) {
            throw new InvalidInputException(what + ": the " + decoderId + " decoder reads " + decoder.genomeLength()
                    + " bits, got " + genome.length());
        }
        return genome;
    }
}
