package io.cnnga.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnga.api.DataSplits;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.support.CpuFeatures;
import io.cnnga.api.support.ReferenceNetworks;
import io.cnnga.engine.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench} on the real TensorFlow backend, a few steps of ref-a at a small batch. */
class BenchCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void jsonHasDesignsFieldsAndGflopsIsThreeForwardPassesPerImage() throws Exception {
        CliRun run = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("backend", "arch", "batch", "steps", "trainImagesPerSecond",
                "evalImagesPerSecond", "forwardFlopsPerImage", "trainGflops", "data", "precision");
        assertThat(json.get("precision").asText()).isIn("fp32", "bf16");
        assertThat(json.get("backend").asText()).isEqualTo("tensorflow");
        assertThat(json.get("arch").asText()).isEqualTo("ref-a");
        assertThat(json.get("batch").asInt()).isEqualTo(8);
        assertThat(json.get("steps").asInt()).isEqualTo(3);
        assertThat(json.get("data").asText()).isIn("fashion-mnist", "synthetic");
        double rate = json.get("trainImagesPerSecond").asDouble();
        assertThat(rate).isPositive();
        assertThat(json.get("evalImagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("trainGflops").asDouble())
                .isCloseTo(3.0 * json.get("forwardFlopsPerImage").asLong() * rate / 1e9, within(1e-9));
    }

    @Test
    void withoutFashionMnistTheSyntheticImagesGiveNothingToWarnAbout() throws Exception {
        DataSplits splits = PluginRegistry.load(List.of())
                .dataset(BenchCommand.syntheticImages(ReferenceNetworks.refB(), 3_200)).load(42);
        assertThat(splits.train().size()).isGreaterThanOrEqualTo(3_200);
        assertThat(SplitPolicy.missingClasses(splits)).isEmpty();
    }

    @Test
    void repeatReportsTheMedianRunAndListsEveryRun() throws Exception {
        CliRun run = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "3", "--repeat", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("repeats").asInt()).isEqualTo(3);
        List<Double> runs = new ArrayList<>();
        json.get("trainGflopsRuns").forEach(n -> runs.add(n.asDouble()));
        assertThat(runs).hasSize(3).allSatisfy(g -> assertThat(g).isPositive());
        assertThat(json.get("trainGflops").asDouble()).isEqualTo(runs.stream().sorted().toList().get(1));
    }

    @Test
    void repeatedPeakIsMeasuredAfreshEachTime() throws Exception {
        CliRun run = CliRun.of("bench", "--peak", "--repeat", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        List<Double> runs = new ArrayList<>();
        json.get("peakGflopsRuns").forEach(n -> runs.add(n.asDouble()));
        assertThat(runs).hasSize(2).allSatisfy(g -> assertThat(g).isPositive());
        // two timings of a real MatMul are never identical to the last bit
        assertThat(runs.get(0)).isNotEqualTo(runs.get(1));
        assertThat(json.get("peakGflops").asDouble()).isEqualTo(Math.min(runs.get(0), runs.get(1)));
    }

    @Test
    void precisionChoosesWhatTheBackendComputesInAndJsonSaysWhich() throws Exception {
        CliRun fp32 = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "3", "--precision", "fp32", "--json");
        assertThat(fp32.exitCode()).as(fp32.err()).isZero();
        assertThat(MAPPER.readTree(fp32.out()).get("precision").asText()).isEqualTo("fp32");
        CliRun bf16 = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "3", "--precision", "bf16", "--json");
        assertThat(bf16.exitCode()).as(bf16.err()).isZero();
        // bf16 where the CPU computes it fast; elsewhere the backend warns and trains in fp32
        assertThat(MAPPER.readTree(bf16.out()).get("precision").asText())
                .isEqualTo(CpuFeatures.current().fastBf16() ? "bf16" : "fp32");
        CliRun text = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "3", "--precision", "fp32");
        assertThat(text.out()).contains("ref-a on tensorflow in fp32, batch 8");
    }

    @Test
    void twoPrecisionsAreMeasuredInTurnsInOneProcessWithTheirRatio() throws Exception {
        CliRun run = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "4", "--precision", "fp32,bf16",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        JsonNode results = json.get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("precision").asText()).isEqualTo("fp32");
        assertThat(results.get(1).get("precision").asText())
                .isEqualTo(CpuFeatures.current().fastBf16() ? "bf16" : "fp32");
        for (JsonNode r : results) {
            assertThat(r.get("steps").asInt()).isEqualTo(4);
            assertThat(r.get("batch").asInt()).isEqualTo(8);
            assertThat(r.get("trainImagesPerSecond").asDouble()).isPositive();
            assertThat(r.get("evalImagesPerSecond").asDouble()).isPositive();
        }
        assertThat(json.get("trainRatio").asDouble()).isCloseTo(
                results.get(1).get("trainImagesPerSecond").asDouble() / results.get(0).get("trainImagesPerSecond").asDouble(),
                within(1e-12));
        CliRun text = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "12", "--precision", "bf16,fp32");
        assertThat(text.exitCode()).as(text.err()).isZero();
        // 12 steps are two whole turns of 10
        assertThat(text.out()).contains("ref-a on tensorflow, batch 8, 20 steps each, ")
                .containsPattern("training fp32 / (bf16|fp32): [0-9.]+x");
    }

    @Test
    void repeatedComparisonsReportTheRunOfTheMedianRatioAndListEveryRatio() throws Exception {
        CliRun run = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "2", "--precision", "fp32,bf16",
                "--repeat", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("repeats").asInt()).isEqualTo(3);
        List<Double> ratios = new ArrayList<>();
        json.get("trainRatioRuns").forEach(r -> ratios.add(r.asDouble()));
        assertThat(ratios).hasSize(3).allSatisfy(r -> assertThat(r).isPositive());
        double reported = json.get("trainRatio").asDouble();
        assertThat(reported).isEqualTo(ratios.stream().sorted().toList().get(1));
        JsonNode results = json.get("results");
        assertThat(reported).isCloseTo(results.get(1).get("trainImagesPerSecond").asDouble()
                / results.get(0).get("trainImagesPerSecond").asDouble(), within(1e-12));
        CliRun text = CliRun.of("bench", "--arch", "ref-a", "--batch", "8", "--steps", "2", "--precision", "fp32,bf16",
                "--repeat", "2");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("run 1/2: train fp32 [0-9,]+ images/s, (bf16|fp32) [0-9,]+ images/s, [0-9.]+x")
                .contains("run 2/2: ").contains("; the run of the median ratio of 2");
    }

    @Test
    void theBfloat16PeakIsMeasured() throws Exception {
        CliRun run = CliRun.of("bench", "--peak", "--precision", "bf16", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = MAPPER.readTree(run.out());
        assertThat(json.get("precision").asText()).isEqualTo("bf16");
        assertThat(json.get("peakGflops").asDouble()).isPositive();
        assertThat(CliRun.of("bench", "--peak", "--precision", "bf16").out()).contains("tensorflow peak bfloat16 MatMul: ");
    }

    @Test
    void badCountsAndUnknownNetworksAreOneLineAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"bench", "--batch", "0"},
                new String[] {"bench", "--repeat", "0"},
                new String[] {"bench", "--arch", "ref-z"},
                new String[] {"bench", "--precision", "fp8"},
                new String[] {"bench", "--precision", "fp32,"},
                new String[] {"bench", "--precision", "fp32,bf16,fp32"},
                new String[] {"bench", "--precision", "bf16,bf16"},
                new String[] {"bench", "--peak", "--precision", "fp32,bf16"},
                new String[] {"bench", "--backend", "pytorch", "--precision", "bf16"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
        assertThat(CliRun.of("bench", "--arch", "ref-z").err().strip())
                .isEqualTo("error: --arch: unknown network \"ref-z\"; use ref-a, ref-b or a 20-bit paper genome such as "
                        + "00000000000000000000");
        assertThat(CliRun.of("bench", "--arch", "0101").err().strip())
                .isEqualTo("error: --arch: the paper decoder reads 20 bits, got 4");
        assertThat(CliRun.of("bench", "--precision", "fp8").err().strip())
                .isEqualTo("error: --precision: must be fp32, bf16 or both (fp32,bf16), was \"fp8\"");
        assertThat(CliRun.of("bench", "--precision", "bf16,bf16").err().strip())
                .isEqualTo("error: --precision: two precisions to compare must differ, was \"bf16,bf16\"");
        assertThat(CliRun.of("bench", "--peak", "--precision", "fp32,bf16").err().strip())
                .isEqualTo("error: --precision fp32,bf16: a comparison measures training and evaluation, not the peak; "
                        + "drop --peak or give one precision");
    }
}
