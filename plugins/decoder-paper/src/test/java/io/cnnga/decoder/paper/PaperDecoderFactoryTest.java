package io.cnnga.decoder.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Options;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code decoder.options}: defaults, overrides, and errors that name the JSON path. */
class PaperDecoderFactoryTest {

    private static final Genome EXAMPLE = Genome.of("01010001110010011100");
    private static final DataInfo CIFAR = DataInfo.of("cifar10", 32, 32, 3, 10);

    private static Decoder create(Map<String, ?> options) {
        return new PaperDecoderFactory().create(Options.of("decoder.options", options));
    }

    @Test
    void withoutOptionsCreatesThePaperDecoder() {
        Decoder decoder = new PaperDecoderFactory().create(Options.empty("decoder.options"));

        assertThat(decoder).isEqualTo(PaperDecoder.paper());
        assertThat(decoder.genomeLength()).isEqualTo(20);
    }

    @Test
    void isIdentifiedAsPaperAndDescribesItself() {
        PaperDecoderFactory factory = new PaperDecoderFactory();

        assertThat(factory.id()).isEqualTo(PaperDecoderFactory.ID).isEqualTo("paper");
        assertThat(factory.description()).contains("20-bit");
    }

    @Test
    void overriddenTablesChangeWhatEachFieldValueStandsFor() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("filters", List.of(8, 10, 12, 14));            // "01" → 10
        options.put("scales", List.of(1, 3, 5, 7));                // "01" → 3
        options.put("kernels", List.of(9, 1, 3, 5));               // "00" → 9
        options.put("depths", List.of(1, 1, 1, 2, 2, 2, 3, 3));    // "011" → 2
        options.put("dropouts", List.of(0, 0.05, 0.2, 0.3));       // "10" → 0.2
        options.put("activations", List.of("swish", "leaky_relu", "relu", "elu")); // "01" → leaky_relu
        Decoder decoder = create(options);

        ModelSpec spec = decoder.decode(EXAMPLE, CIFAR);

        assertThat(decoder.explain(EXAMPLE)).isEqualTo(
                "filters 10, scale 3, kernel 9, depth 2, dropout 0.2, leaky_relu, convs per stage 2,2, widths 30,60");
        assertThat(spec.layersOf(LayerSpec.Conv2D.class))
                .extracting(LayerSpec.Conv2D::filters, LayerSpec.Conv2D::kernelSize)
                .containsExactly(tuple(30, 9), tuple(30, 9), tuple(60, 9), tuple(60, 9));
        assertThat(spec.layers().get(1)).isEqualTo(new LayerSpec.Activation(ActivationFunction.LEAKY_RELU, 0.2));
        assertThat(spec.layersOf(LayerSpec.Dropout.class)).extracting(LayerSpec.Dropout::rate)
                .containsExactly(0.2, 0.2, 0.5, 0.5);
    }

    @Test
    void maxWidthCapsEveryStage() {
        Decoder decoder = create(Map.of("maxWidth", 100));

        assertThat(decoder.explain(EXAMPLE)).endsWith("widths 48,96,100,100");
    }

    @Test
    void headAndHeadDropoutReplaceThePapersDenseLayers() {
        ModelSpec spec = create(Map.of("head", List.of(64), "headDropout", 0.3)).decode(EXAMPLE, CIFAR);

        List<LayerSpec> layers = spec.layers();
        assertThat(layers.subList(layers.size() - 5, layers.size())).containsExactly(
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(64), LayerSpec.Activation.of(ActivationFunction.RELU), new LayerSpec.Dropout(0.3),
                new LayerSpec.Dense(10));
    }

    @Test
    void anEmptyHeadLeavesOnlyTheLogitsLayerAfterFlatten() {
        ModelSpec spec = create(Map.of("head", List.of())).decode(EXAMPLE, CIFAR);

        List<LayerSpec> layers = spec.layers();
        assertThat(layers.subList(layers.size() - 2, layers.size()))
                .containsExactly(new LayerSpec.Flatten(), new LayerSpec.Dense(10));
    }

    @Test
    void aTableOfTheWrongLengthFailsAtItsPath() {
        assertThatThrownBy(() -> create(Map.of("kernels", List.of(3, 5, 7))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("decoder.options.kernels: must have 4 entries, had 3")
                .satisfies(e -> assertThat(((InvalidOptionException) e).path()).isEqualTo("decoder.options.kernels"));
        assertThatThrownBy(() -> create(Map.of("depths", List.of(1, 2, 3, 4))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("decoder.options.depths: must have 8 entries, had 4");
        assertThatThrownBy(() -> create(Map.of("activations", List.of("relu"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("decoder.options.activations: must have 4 entries, had 1");
    }

    @Test
    void aBadTableEntryFailsAtItsIndexedPath() {
        assertThatThrownBy(() -> create(Map.of("filters", List.of(16, 0, 32, 48))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.filters[1]: must be a positive integer, was 0");
        assertThatThrownBy(() -> create(Map.of("kernels", List.of(3, 5.5, 7, 9))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("decoder.options.kernels[1]: must be an integer");
        assertThatThrownBy(() -> create(Map.of("depths", List.of(1, 2, 3, 4, 5, 6, 7, 8))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("decoder.options.depths[7]: must be between 1 and 7");
        assertThatThrownBy(() -> create(Map.of("dropouts", List.of(0.1, 0.2, 1.0, 0.3))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.dropouts[2]: must be at least 0 and less than 1, was 1.0");
        assertThatThrownBy(() -> create(Map.of("activations", List.of("relu", "tanh", "elu", "swish"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.activations[1]: must be one of relu, elu, leaky_relu, swish, was \"tanh\"");
        assertThatThrownBy(() -> create(Map.of("scales", "big")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.scales: must be a list, was \"big\"");
    }

    @Test
    void badHeadSettingsFailAtTheirPaths() {
        assertThatThrownBy(() -> create(Map.of("maxWidth", 0)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.maxWidth: must be >= 1, was 0");
        assertThatThrownBy(() -> create(Map.of("head", List.of(256, -1))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.head[1]: must be a positive integer, was -1");
        assertThatThrownBy(() -> create(Map.of("headDropout", 1)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.headDropout: must be at least 0 and less than 1, was 1.0");
    }

    @Test
    void anUnknownOptionFailsNamingItAndTheAcceptedKeys() {
        assertThatThrownBy(() -> create(Map.of("kernel", List.of(3, 5, 7, 9))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("decoder.options.kernel: unknown option; accepted: "
                        + "filters, scales, kernels, depths, dropouts, activations, maxWidth, head, headDropout");
    }

    @Test
    void aGenomeOfTheWrongLengthFailsNamingBothLengths() {
        Decoder decoder = PaperDecoder.paper();
        Genome short19 = Genome.of("0101000111001001110");

        assertThatThrownBy(() -> decoder.decode(short19, CIFAR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 bits")
                .hasMessageContaining("got 19 bits");
        assertThatThrownBy(() -> decoder.explain(Genome.of("010100011100100111001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 21 bits");
    }

    @Test
    void choicesBuiltInCodeAreValidatedToo() {
        PaperChoices paper = PaperChoices.PAPER;

        assertThatThrownBy(() -> new PaperChoices(paper.filters(), paper.scales(), List.of(3, 5, 7),
                paper.depths(), paper.dropouts(), paper.activations()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kernels: must have 4 entries, had 3");
        assertThatThrownBy(() -> new PaperDecoder(paper, 512, List.of(0), 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("head[0]: must be a positive integer, was 0");
    }
}
