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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code engine decode BITS}: prints the network a genome decodes to.
 *
 * <pre>{@code
 * bin/engine decode 01010001110010011100            # paper decoder, 32x32x3, 10 classes
 * bin/engine decode 0110 --decoder my-decoder --input 28x28x1 --classes 10 --plugin-dir DIR
 * bin/engine decode 0101... --plan plan.json --json # the plan's decoder and dataset shape
 * }</pre>
 *
 * <p>Without a plan nothing is loaded but the decoder: no dataset needs to be there.
 */
@Command(name = "decode", description = "Print the network a genome decodes to (default: paper decoder, 32x32x3, 10 classes).")
final class DecodeCommand implements Callable<Integer> {

    static final DataInfo DEFAULT_INPUT = DataInfo.of("32x32x3", 32, 32, 3, 10);
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,5})x(\\d{1,5})x(\\d{1,5})");

    @Parameters(index = "0", paramLabel = "BITS", description = "The genome, e.g. 01010001110010011100.")
    String bits;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "Use this plan's decoder and dataset shape.")
    Path planFile;

    @Option(names = "--decoder", paramLabel = "ID", description = "The decoder (default: paper); not with --plan.")
    String decoderOption;

    @Option(names = "--input", paramLabel = "HxWxC", description = "The images' shape, e.g. 28x28x1 (default: 32x32x3); not with --plan.")
    String inputOption;

    @Option(names = "--classes", paramLabel = "N", description = "The number of classes (default: 10); not with --plan.")
    Integer classesOption;

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
            if (decoderOption != null || inputOption != null || classesOption != null) {
                throw new InvalidInputException("--plan chooses the decoder and the images' shape; leave out"
                        + " --decoder, --input and --classes, or the plan");
            }
            Plan plan = PlanReader.read(planFile);
            decoder = registry.decoder(plan.decoder());
            info = registry.dataset(plan.dataset()).info();
            decoderId = plan.decoder().id();
        } else {
            decoderId = decoderOption == null ? "paper" : decoderOption;
            decoder = registry.decoder(PluginChoice.of(decoderId));
            info = input(inputOption, classesOption);
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

    /** The data a genome is decoded for without a plan: --input and --classes, or {@link #DEFAULT_INPUT}. */
    static DataInfo input(String shape, Integer classes) {
        int h = DEFAULT_INPUT.height();
        int w = DEFAULT_INPUT.width();
        int c = DEFAULT_INPUT.channels();
        if (shape != null) {
            Matcher m = SHAPE.matcher(shape.strip());
            if (m.matches()) {
                h = Integer.parseInt(m.group(1));
                w = Integer.parseInt(m.group(2));
                c = Integer.parseInt(m.group(3));
            }
            if (!m.matches() || h < 1 || w < 1 || c < 1) {
                throw new InvalidInputException("--input " + shape + ": must be HEIGHTxWIDTHxCHANNELS, each at least 1,"
                        + " e.g. 28x28x1");
            }
        }
        int n = classes == null ? DEFAULT_INPUT.classes() : classes;
        if (n < 2 || n > 100_000) {
            throw new InvalidInputException("--classes " + n + ": a classifier needs between 2 and 100000 classes");
        }
        return DataInfo.of(h + "x" + w + "x" + c, h, w, c, n);
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
