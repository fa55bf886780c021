package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ModelSpec;
import io.cnnga.api.support.ReferenceNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variables built for a spec are exactly the parameters the spec counts. */
class ParameterSpecTest {

    @Test
    void countsMatchTheSpec() {
        for (ModelSpec spec : List.of(ReferenceNetworks.refA(), ReferenceNetworks.refB())) {
            List<ParameterSpec> params = ParameterSpec.of(spec);
            long total = params.stream().mapToLong(ParameterSpec::size).sum();
            long trainable = params.stream().filter(ParameterSpec::trainable).mapToLong(ParameterSpec::size).sum();
            assertThat(total).isEqualTo(spec.params());
            assertThat(trainable).isEqualTo(spec.trainableParams());
        }
    }

    @Test
    void namesAreUniqueKerasStyleAndHaveNoSlash() {
        List<ParameterSpec> params = ParameterSpec.of(ReferenceNetworks.refB());
        assertThat(params).extracting(ParameterSpec::name).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).doesNotContain("/"))
                .startsWith("conv2d_kernel", "conv2d_bias", "conv2d_1_kernel")
                .contains("batch_normalization_moving_variance", "dense_2_bias");
        assertThat(params.get(0).shape()).containsExactly(3, 3, 1, 32);
    }

    @Test
    void referenceNetworksHaveTheDesignedShape() {
        ModelSpec a = ReferenceNetworks.refA();
        ModelSpec b = ReferenceNetworks.refB();
        assertThat(a.layersOf(io.cnnga.api.LayerSpec.Conv2D.class)).extracting(c -> c.filters()).containsExactly(32, 64);
        assertThat(b.layersOf(io.cnnga.api.LayerSpec.Conv2D.class)).extracting(c -> c.filters())
                .containsExactly(32, 32, 64, 64, 128, 128);
        assertThat(b.layersOf(io.cnnga.api.LayerSpec.Dense.class)).extracting(d -> d.units()).containsExactly(2048, 1024, 10);
        assertThat(b.forwardFlops()).isEqualTo(70_945_536L);
    }
}
