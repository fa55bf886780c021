package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Backend;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Decoder;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.engine.bench.Benchmark;
import io.cnnga.engine.bench.BenchmarkResult;
import io.cnnga.engine.bench.ReferenceNetworks;
import io.cnnga.engine.plan.PluginChoice;
import io.cnnga.engine.plugin.PluginKind;
import io.cnnga.engine.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * {@code engine bench}: training and evaluation images/s of a reference network (or a genome's)
 * on a backend, and the GFLOP/s that achieves; {@code --peak}: the backend's large-MatMul GFLOP/s.
 *
 * <pre>{@code
 * bin/engine bench --arch ref-b --batch 32 --json
 * bin/engine bench --peak
 * }</pre>
 */
@Command(name = "bench", description = "Measure training and evaluation images/s and achieved GFLOP/s of a backend.")
final class BenchCommand implements Callable<Integer> {

    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @Option(names = "--backend", defaultValue = "tensorflow", description = "Backend id (default: ${DEFAULT-VALUE}).")
    String backendId;

    @Option(names = "--arch", defaultValue = "ref-a", description = "ref-a, ref-b, or a paper genome (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--batch", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "100", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--peak", description = "Only measure the backend's float32 MatMul GFLOP/s.")
    boolean peak;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || steps < 1) {
            throw new InvalidInputException("--batch and --steps must be >= 1");
        }
        PluginRegistry registry = common.registry();
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        try (Backend backend = registry.backend(PluginChoice.of(backendId))) {
            if (peak) {
                OptionalDouble gflops = backend.peakGflops();
                if (gflops.isEmpty()) {
                    throw new InvalidInputException("backend " + backendId + " does not measure a peak");
                }
                if (json) {
                    ObjectNode node = mapper.createObjectNode().put("backend", backendId).put("peakGflops", gflops.getAsDouble());
                    out.println(mapper.writeValueAsString(node));
                } else {
                    out.printf(Locale.ROOT, "%s peak float32 MatMul: %.1f GFLOP/s%n", backendId, gflops.getAsDouble());
                }
                out.flush();
                return ExitCode.OK;
            }
            ModelSpec model = model(registry);
            String[] label = new String[1];
            ImageSet images = images(registry, model, batch * Math.max(steps, 10), label);
            BenchmarkResult r = new Benchmark(backendId, backend).run(arch, model, images, batch, steps, label[0]);
            if (json) {
                out.println(mapper.writeValueAsString(r));
            } else {
                out.printf(Locale.ROOT, "%s on %s, batch %d, %d steps, %s data%n", r.arch(), r.backend(), r.batch(),
                        r.steps(), r.data());
                out.printf(Locale.ROOT, "  train: %,.0f images/s%n", r.trainImagesPerSecond());
                out.printf(Locale.ROOT, "  eval:  %,.0f images/s%n", r.evalImagesPerSecond());
                out.printf(Locale.ROOT, "  forward FLOPs per image: %,d%n", r.forwardFlopsPerImage());
                out.printf(Locale.ROOT, "  achieved training: %.2f GFLOP/s (3 x forward FLOPs x images/s)%n", r.trainGflops());
            }
            out.flush();
        }
        return ExitCode.OK;
    }

    private ModelSpec model(PluginRegistry registry) {
        var named = ReferenceNetworks.named(arch);
        if (named.isPresent()) {
            return named.get();
        }
        Decoder decoder = registry.decoder(PluginChoice.of("paper"));
        return decoder.decode(DecodeCommand.parse(arch, decoder, "paper"), ReferenceNetworks.FASHION_SHAPE);
    }

    /** Fashion-MNIST when installed and the shape fits, synthetic images of the shape otherwise. */
    private static ImageSet images(PluginRegistry registry, ModelSpec model, int count, String[] label) {
        boolean fashionShape = model.input().equals(ModelSpec.inputOf(ReferenceNetworks.FASHION_SHAPE));
        if (fashionShape && Files.isDirectory(DEBIAN_FASHION_MNIST) && registry.ids(PluginKind.DATASET).contains("fashion-mnist")) {
            DataSplits splits = registry.dataset(PluginChoice.of("fashion-mnist")).load(42);
            if (splits.train().size() >= count) {
                label[0] = "fashion-mnist";
                return splits.train().head(count);
            }
        }
        label[0] = "synthetic";
        return registry.dataset(new PluginChoice("synthetic", Map.of(
                "height", model.input().dim(0), "width", model.input().dim(1), "channels", model.input().dim(2),
                "classes", model.classes(), "trainSize", (int) Math.ceil(count / 0.9) + model.classes(),
                "testSize", 1))).load(42).train().head(count);
    }
}
