package io.cnnga.engine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ValidateCommandTest {

    static final String DATA = "\"dataset\": {\"id\": \"synthetic\"}";

    @TempDir
    Path dir;

    @Test
    void validPlanExitsZeroAndPrintsNothing() throws IOException {
        Path plan = write("""
                { "name": "ok", "seed": 1, %s,
                  "decoder": {"id": "paper"},
                  "executor": {"id": "local", "options": {"workers": 1}},
                  "training": {"epochs": 1, "batchSize": 32, "learningRate": 0.001, "maxTrialSeconds": 60},
                  "search": {"population": 4, "generations": 2, "mutationProbability": 0.25,
                             "crossoverProbability": 0.6, "selector": "roulette", "elites": 1,
                             "maxForwardFlops": 2.0e8, "maxParams": 2.0e7},
                  "final": {"epochs": 2}, "output": "runs/ok" }
                """.formatted(DATA));
        CliRun run = CliRun.of("validate", plan.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEmpty();
        assertThat(run.exitCode()).isZero();
    }

    static Stream<Arguments> malformedPlans() {
        return Stream.of(
                arguments("{\"name\": \"x\",", "invalid JSON at line"),
                arguments("", "invalid JSON"),
                arguments("[1, 2]", "(root): a plan must be a JSON object"),
                arguments("{\"seed\": 1, \"seed\": 2, " + DATA + "}", "Duplicate field 'seed'"),
                arguments("{}", "dataset: is required"),
                arguments("{\"dataset\": \"fashion\"}", "dataset: must be an object"),
                arguments("{\"dataset\": {}}", "dataset.id: is required"),
                arguments("{\"dataset\": {\"id\": \"Fashion MNIST\"}}", "dataset.id: must be a lower-case kebab-case"),
                arguments("{\"dataset\": {\"id\": \"nope\"}}", "dataset.id: unknown dataset \"nope\"; available: "),
                arguments("{" + DATA + ", \"decoder\": {\"id\": \"nope\"}}", "decoder.id: unknown decoder \"nope\""),
                arguments("{" + DATA + ", \"backend\": {\"id\": \"caffe\"}}", "backend.id: unknown backend \"caffe\""),
                arguments("{" + DATA + ", \"backend\": {\"id\": \"tensorflow\", \"options\": {\"precision\": \"fp8\"}}}",
                        "backend.options.precision: must be one of fp32, bf16, auto, was \"fp8\""),
                arguments("{" + DATA + ", \"backend\": {\"id\": \"pytorch\", \"options\": {\"precision\": \"fp8\"}}}",
                        "backend.options.precision: must be one of fp32, bf16, auto, was \"fp8\""),
                arguments("{" + DATA + ", \"backend\": {\"id\": \"pytorch\", \"options\": {\"precision\": \"bf16\"}}}",
                        "backend.options.precision: bf16 is not available on the pytorch backend"),
                arguments("{" + DATA + ", \"executor\": {\"id\": \"local\", \"options\": {\"workerz\": 2}}}",
                        "executor.options.workerz: unknown option; accepted: "),
                arguments("{\"dataset\": {\"id\": \"synthetic\", \"options\": {\"sizee\": 3}}}",
                        "dataset.options.sizee: unknown option; accepted: "),
                arguments("{\"dataset\": {\"id\": \"synthetic\", \"options\": {\"validationFraction\": 1.0}}}",
                        "dataset.options.validationFraction: must be greater than 0 and less than 1"),
                arguments("{" + DATA + ", \"decoder\": {\"id\": \"paper\", \"options\": {\"kernels\": [3, 5, 7]}}}",
                        "decoder.options.kernels"),
                arguments("{" + DATA + ", \"serach\": {}}", "serach: unknown option; accepted: "),
                arguments("{" + DATA + ", \"seed\": \"42\"}", "seed: must be an integer, was \"42\""),
                arguments("{" + DATA + ", \"name\": \"a/b\"}", "name: must be letters, digits"),
                arguments("{" + DATA + ", \"search\": {\"population\": 0}}", "search.population: must be between 2 and 1000, was 0"),
                arguments("{" + DATA + ", \"search\": {\"population\": \"4\"}}", "search.population: must be an integer, was \"4\""),
                arguments("{" + DATA + ", \"search\": {\"mutationProbability\": 1.5}}",
                        "search.mutationProbability: must be between 0.0 and 1.0, was 1.5"),
                arguments("{" + DATA + ", \"search\": {\"crossoverProbability\": -0.1}}",
                        "search.crossoverProbability: must be between 0.0 and 1.0, was -0.1"),
                arguments("{" + DATA + ", \"search\": {\"selector\": \"best\"}}",
                        "search.selector: must be one of roulette, tournament, was \"best\""),
                arguments("{" + DATA + ", \"training\": {\"pruner\": \"hyperband\"}}",
                        "training.pruner: must be one of none, median, halving, was \"hyperband\""),
                arguments("{" + DATA + ", \"training\": {\"pruner\": \"halving\", \"reductionFactor\": 1}}",
                        "training.reductionFactor: must be between 2 and 1000, was 1"),
                arguments("{" + DATA + ", \"training\": {\"pruner\": \"median\", \"checkpoints\": [0.5, 1.5]}}",
                        "training.checkpoints[1]: must be a fraction of the training in (0, 1), was 1.5"),
                arguments("{" + DATA + ", \"training\": {\"checkpoints\": [0.5, 0.25]}}",
                        "training.checkpoints[1]: checkpoints must be strictly ascending, 0.25 follows 0.5"),
                arguments("{" + DATA + ", \"training\": {\"epochs\": 1, \"pruner\": \"median\", \"checkpoints\": []}}",
                        "training.checkpoints: the median pruner judges one-epoch trials at checkpoints"),
                arguments("{" + DATA + ", \"search\": {\"objectives\": [\"accuracy\", \"speed\"]}}",
                        "search.objectives[1]: must be one of [accuracy, flops, params, latency], was \"speed\""),
                arguments("{" + DATA + ", \"search\": {\"objectives\": [\"flops\"]}}",
                        "search.objectives: must include \"accuracy\""),
                arguments("{" + DATA + ", \"search\": {\"objectives\": [\"accuracy\", \"flops\"]}, \"final\": {\"select\": {\"maxLatencyMs\": 2}}}",
                        "final.select.maxLatencyMs: bounds latency, which search.objectives [accuracy, flops] does not include"),
                arguments("{" + DATA + ", \"search\": {\"objectives\": [\"accuracy\", \"flops\"]}, \"final\": {\"select\": \"best\"}}",
                        "final.select: must be one of accuracy, knee, was \"best\""),
                arguments("{" + DATA + ", \"final\": {\"select\": \"knee\"}}",
                        "final.select: needs a multi-objective search"),
                arguments("{" + DATA + ", \"search\": {\"strategy\": \"bogus\"}}",
                        "search.strategy: must be one of ga, random, was \"bogus\""),
                arguments("{" + DATA + ", \"search\": {\"repair\": \"retry\"}}",
                        "search.repair: must be one of nearest, redraw, was \"retry\""),
                arguments("{" + DATA + ", \"search\": {\"distinctChildren\": \"yes\"}}",
                        "search.distinctChildren: "),
                arguments("{" + DATA + ", \"search\": {\"population\": 4, \"elites\": 4}}",
                        "search.elites: must be between 0 and 3, was 4"),
                arguments("{" + DATA + ", \"search\": {\"generations\": 5, \"generatons\": 6}}",
                        "search.generatons: unknown option"),
                arguments("{" + DATA + ", \"training\": {\"epochs\": 0}}", "training.epochs: must be between 1 and 10000, was 0"),
                arguments("{" + DATA + ", \"training\": {\"batchSize\": 2.5}}", "training.batchSize: must be an integer, was 2.5"),
                arguments("{" + DATA + ", \"training\": {\"learningRate\": -1}}", "training.learningRate: must be > 0, was -1.0"),
                arguments("{" + DATA + ", \"training\": []}", "training: must be an object, was a list"),
                arguments("{" + DATA + ", \"final\": {\"epochs\": -3}}", "final.epochs: must be between 0 and 10000, was -3"),
                arguments("{" + DATA + ", \"output\": \"\"}", "output: must name a folder"),
                arguments("{" + DATA + ", \"search\": {\"population\": 1e9}}",
                        "search.population: must be between 2 and 1000, was 1000000000"),
                arguments("{" + DATA + ", \"search\": {\"population\": 1e12}}",
                        "search.population: must be between 2 and 1000, was 1000000000000"),
                arguments("{" + DATA + ", \"search\": {\"generations\": 1001}}",
                        "search.generations: must be between 1 and 1000, was 1001"),
                arguments("{" + DATA + ", \"search\": {\"population\": 1000, \"generations\": 101}}",
                        "search.generations: 101 generations of 1000 genomes are 101000 trials, more than the 100000"),
                arguments("{" + DATA + ", \"seed\": 1e19}",
                        "seed: must be an integer between -9223372036854775808 and 9223372036854775807 (64 bits),"
                                + " was 10000000000000000000"),
                arguments("{" + DATA + ", \"seed\": 12345678901234567890123}",
                        "seed: must be an integer between -9223372036854775808 and 9223372036854775807 (64 bits),"
                                + " was 12345678901234567890123"),
                arguments("{" + DATA + ", \"seed\": -9223372036854775809}", "seed: must be an integer between"),
                arguments("{" + DATA + ", \"seed\": 1.5}", "seed: must be an integer, was 1.5"),
                arguments("{" + DATA + ", \"name\": \"" + "n".repeat(201) + "\"}",
                        "name: is 201 characters long, at most 200 are allowed"),
                arguments("{" + DATA + ", \"name\": \"ok\", \"output\": \"runs/" + "é".repeat(128) + "/x\"}",
                        "output: the folder name \"éééééééééééééééééééé...éééééééééé\" is 256 bytes long; file systems"
                                + " allow 255 bytes per name; shorten it"),
                arguments("{" + DATA + ", \"output\": \"runs/" + "r".repeat(244) + "\"}",
                        "is 244 bytes long; file systems allow 255 bytes per name (and the run's -compare-N folder"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformedPlans")
    void malformedPlanExitsTwoWithOneLineNamingThePath(String json, String expected) throws IOException {
        CliRun run = CliRun.of("validate", write(json).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theLargestAllowedValuesPass() throws IOException {
        Path plan = write("{" + DATA + ", \"name\": \"" + "n".repeat(200) + "\", \"seed\": 9223372036854775807,"
                + " \"search\": {\"population\": 1000, \"generations\": 100}, \"output\": \"runs/" + "r".repeat(243) + "\"}");
        CliRun run = CliRun.of("validate", plan.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void missingPlanFileExitsTwo() {
        CliRun run = CliRun.of("validate", dir.resolve("absent.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("absent.json: no such plan file");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        CliRun run = CliRun.of("validate", "--debug", write("{}").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().size()).isGreaterThan(1);
        assertThat(run.err()).contains("InvalidOptionException");
    }

    @Test
    void unknownCommandLineOptionExitsTwoWithOneLine() {
        CliRun run = CliRun.of("validate", "--frobnicate", "x.json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--frobnicate");
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "plan", ".json");
        Files.writeString(file, json);
        return file;
    }
}
