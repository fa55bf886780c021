package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Backend;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Decoder;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Precision;
import io.cnnga.engine.bench.Benchmark;
import io.cnnga.engine.bench.BenchmarkResult;
import io.cnnga.api.support.ReferenceNetworks;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * {@code engine bench}: training and evaluation images/s of a reference network (or a genome's)
 * on a backend, and the GFLOP/s that achieves; {@code --peak}: the backend's large-MatMul GFLOP/s.
 *
 * <pre>{@code
 * bin/engine bench --arch ref-b --batch 32 --json
 * bin/engine bench --peak
 * bin/engine bench --arch ref-b --repeat 3      # three measurements and their median
 * bin/engine bench --arch ref-b --precision bf16 # bfloat16 mixed precision (the backend's precision option)
 * bin/engine bench --peak --precision bf16       # the bfloat16 MatMul peak
 * bin/engine bench --arch ref-b --precision fp32,bf16 # both, interleaved in one process, and their ratio
 * bin/engine bench --arch ref-b --precision fp32,bf16 --repeat 3 # three such comparisons, the median ratio's reported
 * }</pre>
 *
 * <p>Without {@code --precision} the backend trains at its default precision ({@code auto}: bf16
 * where the device computes it fast); the output names the precision the session used.
 *
 * <p>With {@code --repeat N} each measurement starts afresh (a new training session, or a new
 * backend for the peak, whose value a backend otherwise keeps) and the median run is reported:
 * for an even N the lower of the two middle ones, so that every number printed comes from one
 * real run. {@code --json} then prints that run's object with {@code repeats} and the list of
 * all runs' GFLOP/s added.
 *
 * <p>With two precisions ({@code --precision fp32,bf16}) one session of each is open and they
 * train in turns of {@value Benchmark#TURN_STEPS} steps, then evaluate in turns
 * ({@link Benchmark#interleaved}, which says how): the machine's drift between processes, which
 * can exceed the difference measured, slows both alike, so their ratio is the number to read.
 * {@code --json} prints {@code results} (one object per precision, as above) and
 * {@code trainRatio} (the second's training images/s over the first's). With {@code --repeat N}
 * there are N such measurements, each with fresh sessions, and the one of the median ratio (the
 * lower middle one for an even N) is reported; {@code --json} adds {@code repeats} and
 * {@code trainRatioRuns}, every measurement's ratio in order.
 */
@Command(name = "bench", description = "Measure training and evaluation images/s and achieved GFLOP/s of a backend.")
final class BenchCommand implements Callable<Integer> {

    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--backend", defaultValue = "tensorflow", description = "Backend id (default: ${DEFAULT-VALUE}).")
    String backendId;

    @Option(names = "--arch", defaultValue = "ref-a", description = "ref-a, ref-b, or a paper genome (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--batch", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "100", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--peak", description = "Only measure the backend's large-MatMul GFLOP/s (float32; bfloat16 operands with --precision bf16).")
    boolean peak;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Measure N times and report the median run; with two precisions, N comparisons and the one of the median ratio (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--precision", paramLabel = "fp32|bf16|fp32,bf16",
            description = "The backend's precision option (default: the backend's own, auto); with --peak: the MatMul's operands (default: fp32); two, comma-separated: both measured in turns in one process, and their ratio.")
    String precision;

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
        if (repeat < 1) {
            throw new InvalidInputException("--repeat must be >= 1, was " + repeat);
        }
        List<String> precisions = precision == null ? List.of() : List.of(precision.split(",", -1));
        if (precision != null && (precisions.size() > 2 || !List.of("fp32", "bf16").containsAll(precisions))) {
            throw new InvalidInputException("--precision: must be fp32, bf16 or both (fp32,bf16), was \""
                    + precision + "\"");
        }
        if (precisions.size() == 2 && precisions.get(0).equals(precisions.get(1))) {
            throw new InvalidInputException("--precision: two precisions to compare must differ, was \"" + precision + "\"");
        }
        if (precisions.size() == 2 && peak) {
            throw new InvalidInputException("--precision " + precision + ": a comparison measures training and "
                    + "evaluation, not the peak; drop --peak or give one precision");
        }
        PluginRegistry registry = common.registry();
        PrintWriter out = spec.commandLine().getOut();
        if (peak) {
            peak(registry, out);
        } else if (precisions.size() == 2) {
            compare(registry, precisions, out);
        } else {
            train(registry, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The backend to measure, with {@code --precision} as its precision option when given. */
    private PluginChoice backendChoice() {
        return backendChoice(precision);
    }

    private PluginChoice backendChoice(String precisionOption) {
        return precisionOption == null ? PluginChoice.of(backendId)
                : new PluginChoice(backendId, Map.of("precision", precisionOption));
    }

    private void peak(PluginRegistry registry, PrintWriter out) throws Exception {
        Precision operands = precision == null ? Precision.FP32 : Precision.ofId(precision).orElseThrow();
        List<Double> runs = new ArrayList<>();
        for (int i = 1; i <= repeat; i++) {
            // a backend keeps the peak it measured: a fresh one measures again
            try (Backend backend = registry.backend(backendChoice())) {
                OptionalDouble gflops = backend.peakGflops(operands);
                if (gflops.isEmpty()) {
                    throw new InvalidInputException("backend " + backendId + " does not measure a "
                            + operands.id() + " peak");
                }
                runs.add(gflops.getAsDouble());
                if (!json && repeat > 1) {
                    out.printf(Locale.ROOT, "run %d/%d: %.1f GFLOP/s%n", i, repeat, gflops.getAsDouble());
                    out.flush();
                }
            }
        }
        double median = medianRun(runs, Double::doubleValue);
        if (json) {
            ObjectNode node = MAPPER.createObjectNode().put("backend", backendId).put("precision", operands.id())
                    .put("peakGflops", median);
            if (repeat > 1) {
                node.put("repeats", repeat);
                ArrayNode all = node.putArray("peakGflopsRuns");
                runs.forEach(all::add);
            }
            out.println(MAPPER.writeValueAsString(node));
        } else {
            out.printf(Locale.ROOT, "%s peak %s MatMul: %.1f GFLOP/s%s%n", backendId,
                    operands == Precision.BF16 ? "bfloat16" : "float32", median,
                    repeat > 1 ? " (median of " + repeat + " runs)" : "");
        }
    }

    private void train(PluginRegistry registry, PrintWriter out) throws Exception {
        try (Backend backend = registry.backend(backendChoice())) {
            ModelSpec model = model(registry);
            String[] label = new String[1];
            ImageSet images = images(registry, model, batch * Math.max(steps, 10), label);
            Benchmark benchmark = new Benchmark(backendId, backend);
            List<BenchmarkResult> runs = new ArrayList<>();
            for (int i = 1; i <= repeat; i++) {
                BenchmarkResult r = benchmark.run(arch, model, images, batch, steps, label[0]);
                runs.add(r);
                if (!json && repeat > 1) {
                    out.printf(Locale.ROOT, "run %d/%d: train %,.0f images/s, eval %,.0f images/s, %.2f GFLOP/s%n", i,
                            repeat, r.trainImagesPerSecond(), r.evalImagesPerSecond(), r.trainGflops());
                    out.flush();
                }
            }
            BenchmarkResult r = medianRun(runs, BenchmarkResult::trainGflops);
            if (json) {
                ObjectNode node = MAPPER.valueToTree(r);
                if (repeat > 1) {
                    node.put("repeats", repeat);
                    ArrayNode all = node.putArray("trainGflopsRuns");
                    runs.forEach(run -> all.add(run.trainGflops()));
                }
                out.println(MAPPER.writeValueAsString(node));
            } else {
                out.printf(Locale.ROOT, "%s on %s in %s, batch %d, %d steps, %s data%s%n", r.arch(), r.backend(),
                        r.precision(), r.batch(), r.steps(), r.data(),
                        repeat > 1 ? ", the median of " + repeat + " runs" : "");
                out.printf(Locale.ROOT, "  train: %,.0f images/s%n", r.trainImagesPerSecond());
                out.printf(Locale.ROOT, "  eval:  %,.0f images/s%n", r.evalImagesPerSecond());
                out.printf(Locale.ROOT, "  forward FLOPs per image: %,d%n", r.forwardFlopsPerImage());
                out.printf(Locale.ROOT, "  achieved training: %.2f GFLOP/s (3 x forward FLOPs x images/s)%n", r.trainGflops());
            }
        }
    }

    private void compare(PluginRegistry registry, List<String> precisions, PrintWriter out) throws Exception {
        try (Backend first = registry.backend(backendChoice(precisions.get(0)));
             Backend second = registry.backend(backendChoice(precisions.get(1)))) {
            ModelSpec model = model(registry);
            String[] label = new String[1];
            ImageSet images = images(registry, model, batch * Math.max(steps, 10), label);
            List<Benchmark> both = List.of(new Benchmark(backendId, first), new Benchmark(backendId, second));
            List<List<BenchmarkResult>> runs = new ArrayList<>();
            for (int i = 1; i <= repeat; i++) {
                List<BenchmarkResult> run = Benchmark.interleaved(both, arch, model, images, batch, steps, label[0]);
                runs.add(run);
                if (!json && repeat > 1) {
                    out.printf(Locale.ROOT, "run %d/%d: train %s %,.0f images/s, %s %,.0f images/s, %.3fx%n", i, repeat,
                            run.get(0).precision(), run.get(0).trainImagesPerSecond(), run.get(1).precision(),
                            run.get(1).trainImagesPerSecond(), trainRatio(run));
                    out.flush();
                }
            }
            List<BenchmarkResult> results = medianRun(runs, BenchCommand::trainRatio);
            BenchmarkResult a = results.get(0);
            BenchmarkResult b = results.get(1);
            if (json) {
                ObjectNode node = MAPPER.createObjectNode();
                ArrayNode all = node.putArray("results");
                results.forEach(r -> all.add(MAPPER.valueToTree(r)));
                node.put("trainRatio", trainRatio(results));
                if (repeat > 1) {
                    node.put("repeats", repeat);
                    ArrayNode ratios = node.putArray("trainRatioRuns");
                    runs.forEach(run -> ratios.add(trainRatio(run)));
                }
                out.println(MAPPER.writeValueAsString(node));
            } else {
                out.printf(Locale.ROOT, "%s on %s, batch %d, %d steps each, %s data; %s and %s in turns of %d steps%s%n",
                        a.arch(), a.backend(), a.batch(), a.steps(), a.data(), a.precision(), b.precision(),
                        Math.min(steps, Benchmark.TURN_STEPS),
                        repeat > 1 ? "; the run of the median ratio of " + repeat : "");
                for (BenchmarkResult r : results) {
                    out.printf(Locale.ROOT, "  %s: train %,.0f images/s, eval %,.0f images/s, %.2f GFLOP/s%n",
                            r.precision(), r.trainImagesPerSecond(), r.evalImagesPerSecond(), r.trainGflops());
                }
                out.printf(Locale.ROOT, "  training %s / %s: %.2fx%n", b.precision(), a.precision(), trainRatio(results));
            }
        }
    }

    /**
     * The run whose {@code value} is the median; for an even count the lower of the two middle
     * ones, so that every number reported comes from one real run.
     */
    private static <T> T medianRun(List<T> runs, ToDoubleFunction<T> value) {
        return runs.stream().sorted(Comparator.comparingDouble(value)).toList().get((runs.size() - 1) / 2);
    }

    /** The second result's training images/s over the first's. */
    private static double trainRatio(List<BenchmarkResult> pair) {
        return pair.get(1).trainImagesPerSecond() / pair.get(0).trainImagesPerSecond();
    }

    private ModelSpec model(PluginRegistry registry) {
        var named = ReferenceNetworks.named(arch);
        if (named.isPresent()) {
            return named.get();
        }
        Decoder decoder = registry.decoder(PluginChoice.of("paper"));
        boolean bits = arch.chars().allMatch(c -> c == '0' || c == '1');
        if (!bits) {
            throw new InvalidInputException("--arch: unknown network \"" + arch + "\"; use ref-a, ref-b or a "
                    + decoder.genomeLength() + "-bit paper genome such as " + "0".repeat(decoder.genomeLength()));
        }
        return decoder.decode(DecodeCommand.parse(arch, decoder, "paper", "--arch"), ReferenceNetworks.FASHION_MNIST);
    }

    /** Fashion-MNIST when installed and the shape fits, synthetic images of the shape otherwise. */
    private static ImageSet images(PluginRegistry registry, ModelSpec model, int count, String[] label) {
        boolean fashionShape = model.input().equals(ModelSpec.inputOf(ReferenceNetworks.FASHION_MNIST));
        if (fashionShape && Files.isDirectory(DEBIAN_FASHION_MNIST) && registry.ids(PluginKind.DATASET).contains("fashion-mnist")) {
            DataSplits splits = registry.dataset(PluginChoice.of("fashion-mnist")).load(42);
            if (splits.train().size() >= count) {
                label[0] = "fashion-mnist";
                return splits.train().head(count);
            }
        }
        label[0] = "synthetic";
        return registry.dataset(syntheticImages(model, count)).load(42).train().head(count);
    }

    /**
     * The synthetic dataset of the model's shape whose training split holds at least {@code count}
     * images. Its test split has one image of each class: bench never tests, but a test split short
     * of a class would be warned about.
     */
    static PluginChoice syntheticImages(ModelSpec model, int count) {
        return new PluginChoice("synthetic", Map.of(
                "height", model.input().dim(0), "width", model.input().dim(1), "channels", model.input().dim(2),
                "classes", model.classes(), "trainSize", (int) Math.ceil(count / 0.9) + model.classes(),
                "testSize", model.classes()));
    }
}
