package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeCommandTest {

    static final String WORKED_EXAMPLE = "01010001110010011100";

    @Test
    void workedExamplePrintsTheDesignNetworkWithShapesParamsAndFlops() {
        CliRun run = CliRun.of("decode", WORKED_EXAMPLE);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("filters 24, scale 2, kernel 2, depth 4, dropout 0.4, elu")
                .contains("conv2d (Conv2D)").contains("(None, 32, 32, 48)")
                .contains("conv2d_5 (Conv2D)").doesNotContain("conv2d_6 ")
                .contains("(None, 2, 2, 384)")
                .contains("Total params:").contains("Forward FLOPs per image:");
    }

    @Test
    void workedExampleAsJsonHasTheWidthsConvsPerStageKernelActivationAndDropout() throws Exception {
        CliRun run = CliRun.of("decode", WORKED_EXAMPLE, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("input").toString()).isEqualTo("[32,32,3]");
        assertThat(json.get("classes").asInt()).isEqualTo(10);
        List<Integer> convWidths = new ArrayList<>();
        List<Integer> kernels = new ArrayList<>();
        List<String> activations = new ArrayList<>();
        List<Double> dropouts = new ArrayList<>();
        long params = 0;
        for (JsonNode layer : json.get("layers")) {
            params += layer.get("params").asLong();
            switch (layer.get("type").asText()) {
                case "Conv2D" -> {
                    convWidths.add(layer.get("config").get("filters").asInt());
                    kernels.add(layer.get("config").get("kernelSize").asInt());
                }
                case "Activation" -> activations.add(layer.get("config").get("function").asText());
                case "Dropout" -> dropouts.add(layer.get("config").get("rate").asDouble());
                default -> { }
            }
        }
        // stages 2, 2, 1, 1 convs at widths 48, 96, 192, 384
        assertThat(convWidths).containsExactly(48, 48, 96, 96, 192, 384);
        assertThat(kernels).containsOnly(2);
        assertThat(activations.subList(0, 6)).containsOnly("ELU");
        assertThat(dropouts.subList(0, 4)).containsOnly(0.4);
        assertThat(json.get("params").asLong()).isEqualTo(params);
        assertThat(json.get("forwardFlops").asLong()).isPositive();
    }

    @Test
    void genomeOfWrongLengthExitsTwo() {
        CliRun run = CliRun.of("decode", "0101");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("error: BITS: the paper decoder reads 20 bits, got 4");
    }

    @Test
    void genomeWithOtherCharactersExitsTwo() {
        CliRun run = CliRun.of("decode", "0101000111001001110x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("found 'x' at index 19");
    }

    @Test
    void inputAndClassesChooseTheShapeWithoutAPlan() throws Exception {
        CliRun run = CliRun.of("decode", WORKED_EXAMPLE, "--decoder", "paper", "--input", "28x28x1", "--classes", "7", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("input").toString()).isEqualTo("[28,28,1]");
        assertThat(json.get("classes").asInt()).isEqualTo(7);
    }

    @Test
    void aMalformedInputShapeIsOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"--input", "28x28"}, new String[] {"--input", "0x28x1"},
                new String[] {"--classes", "1"})) {
            List<String> all = new ArrayList<>(List.of("decode", WORKED_EXAMPLE));
            all.addAll(List.of(args));
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString().startsWith("error: " + args[0] + " " + args[1] + ": ");
        }
    }

    @Test
    void anUnknownDecoderListsTheKnownOnes() {
        CliRun run = CliRun.of("decode", "0110", "--decoder", "my-decoder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("unknown decoder \"my-decoder\"; available: paper");
    }

    @Test
    void shapeOptionsAndAPlanTogetherAreRefused() {
        CliRun run = CliRun.of("decode", WORKED_EXAMPLE, "--plan", "plans/quickstart.json", "--input", "28x28x1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--plan chooses the decoder");
    }
}
