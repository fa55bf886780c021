package io.cnnga.engine.evolution;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.engine.plan.PluginChoice;
import io.cnnga.engine.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a search without a budget may train, estimated from random genomes. */
class NetworkSizesTest {

    static final DataInfo FASHION = DataInfo.of("fashion-mnist", 28, 28, 1, 10);

    @Test
    void thePaperDecodersNetworksForFashionMnistAreMostlyFarAboveTheQuickstartsBudget() {
        Decoder paper = PluginRegistry.load(List.of(), List.of()).decoder(PluginChoice.of("paper"));
        NetworkSizes sizes = NetworkSizes.sample(paper, FASHION, 1000, new SplittableRandom(0)).orElseThrow();
        // over all 2^20 genomes: median 15.7 M parameters and 249 MFLOP, largest 141.1 M and 10.4 GFLOP
        assertThat(sizes.sampled()).isEqualTo(1000);
        assertThat(sizes.medianParams()).isBetween(10_000_000L, 25_000_000L);
        assertThat(sizes.medianFlops()).isBetween(100_000_000L, 500_000_000L);
        assertThat(sizes.largestParams()).isBetween(60_000_000L, 141_200_000L);
        assertThat(sizes.largestFlops()).isBetween(3_000_000_000L, 10_500_000_000L);
    }

    @Test
    void genomesTheDecoderCannotBuildAreLeftOutAndNoneBuiltIsEmpty() {
        ModelSpec linear = LinearOnly.spec(FASHION);
        NetworkSizes sizes = NetworkSizes.sample(new LinearOnly(g -> g.bit(0)), FASHION, 400, new SplittableRandom(3))
                .orElseThrow();
        assertThat(sizes.sampled()).as("about half the genomes have bit 0 set").isBetween(150, 250);
        assertThat(sizes).isEqualTo(new NetworkSizes(sizes.sampled(), linear.params(), linear.params(),
                linear.forwardFlops(), linear.forwardFlops()));

        assertThat(NetworkSizes.sample(new LinearOnly(g -> false), FASHION, 100, new SplittableRandom(3))).isEmpty();
    }

    @Test
    void sizesAreValidated() {
        assertThatThrownBy(() -> new NetworkSizes(0, 1, 1, 1, 1)).hasMessageContaining("at least one network");
        assertThatThrownBy(() -> new NetworkSizes(5, 10, 9, 1, 1)).hasMessageContaining("between 0 and the largest");
    }

    /** A test decoder: one linear classifier for every genome {@code buildable} accepts, refusing the others. */
    record LinearOnly(Predicate<Genome> buildable) implements Decoder {

        static ModelSpec spec(DataInfo data) {
            return new ModelSpec(ModelSpec.inputOf(data), data.classes(),
                    List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(data.classes())));
        }

        @Override
        public int genomeLength() {
            return 20;
        }

        @Override
        public ModelSpec decode(Genome genome, DataInfo data) {
            if (!buildable.test(genome)) {
                throw new IllegalArgumentException("not buildable");
            }
            return spec(data);
        }
    }
}
