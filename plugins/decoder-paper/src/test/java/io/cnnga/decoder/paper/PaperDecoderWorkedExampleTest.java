package io.cnnga.decoder.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSpec.Activation;
import io.cnnga.api.LayerSpec.BatchNorm;
import io.cnnga.api.LayerSpec.Conv2D;
import io.cnnga.api.LayerSpec.Dense;
import io.cnnga.api.LayerSpec.Dropout;
import io.cnnga.api.LayerSpec.Flatten;
import io.cnnga.api.LayerSpec.MaxPool;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's worked example (01010001110010011100), decoded by the paper decoder with its default tables. */
class PaperDecoderWorkedExampleTest {

    private static final Genome EXAMPLE = Genome.of("01010001110010011100");
    private static final DataInfo CIFAR = DataInfo.of("cifar10", 32, 32, 3, 10);

    private final PaperDecoder decoder = PaperDecoder.paper();

    @Test
    void readsEachFieldOfTheWorkedExampleAsTheDesignSays() {
        PaperArchitecture a = decoder.architecture(EXAMPLE);

        assertThat(a.filters()).isEqualTo(24);      // bits 0-1 "01"
        assertThat(a.scale()).isEqualTo(2);         // bits 2-3 "01"
        assertThat(a.kernel()).isEqualTo(2);        // bits 4-5 "00"
        assertThat(a.depth()).isEqualTo(4);         // bits 6-8 "011" = 3 → 4
        assertThat(a.dropout()).isEqualTo(0.4);     // bits 9-10 "10"
        assertThat(a.activation()).isEqualTo(ActivationFunction.ELU); // bits 11-12 "01"
        assertThat(a.convsPerStage()).containsExactly(2, 2, 1, 1);   // bits 13-16 "0011"
        assertThat(a.widths()).containsExactly(48, 96, 192, 384);
    }

    @Test
    void explainsTheWorkedExampleInWords() {
        assertThat(decoder.explain(EXAMPLE)).isEqualTo(
                "filters 24, scale 2, kernel 2, depth 4, dropout 0.4, elu, convs per stage 2,2,1,1, widths 48,96,192,384");
    }

    @Test
    void decodesTheWorkedExampleToTheExactLayerList() {
        Conv2D conv48 = new Conv2D(48, 2, 1, Padding.SAME);
        Conv2D conv96 = new Conv2D(96, 2, 1, Padding.SAME);
        Conv2D conv192 = new Conv2D(192, 2, 1, Padding.SAME);
        Conv2D conv384 = new Conv2D(384, 2, 1, Padding.SAME);
        Activation elu = new Activation(ActivationFunction.ELU, 1.0);
        Activation relu = new Activation(ActivationFunction.RELU, 0.0);
        BatchNorm bn = new BatchNorm(1e-3);
        MaxPool pool = new MaxPool(2, 2, Padding.SAME);
        Dropout stageDropout = new Dropout(0.4);
        Dropout headDropout = new Dropout(0.5);
        List<LayerSpec> expected = List.of(
                conv48, elu, conv48, elu, bn, pool, stageDropout,
                conv96, elu, conv96, elu, bn, pool, stageDropout,
                conv192, elu, bn, pool, stageDropout,
                conv384, elu, bn, pool, stageDropout,
                new Flatten(),
                new Dense(2048), relu, headDropout,
                new Dense(1024), relu, headDropout,
                new Dense(10));

        ModelSpec spec = decoder.decode(EXAMPLE, CIFAR);

        assertThat(spec.input()).isEqualTo(Shape.of(32, 32, 3));
        assertThat(spec.classes()).isEqualTo(10);
        assertThat(spec.layers()).containsExactlyElementsOf(expected);
    }

    @Test
    void countsTheWorkedExamplesParametersAsComputedByHand() {
        // conv: k*k*cin*cout + cout (k = 2); batch norm: 4*c (gamma, beta, moving mean, moving variance)
        long stage0 = (2 * 2 * 3 * 48 + 48) + (2 * 2 * 48 * 48 + 48) + 4 * 48;     //    624 +   9,264 +   192
        long stage1 = (2 * 2 * 48 * 96 + 96) + (2 * 2 * 96 * 96 + 96) + 4 * 96;   // 18,528 +  36,960 +   384
        long stage2 = (2 * 2 * 96 * 192 + 192) + 4 * 192;                          // 73,920 +   768
        long stage3 = (2 * 2 * 192 * 384 + 384) + 4 * 384;                         // 295,296 + 1,536
        // SAME 2x2 pools halve 32 → 16 → 8 → 4 → 2, so Flatten gives 2 * 2 * 384 = 1,536 features
        long flat = 2 * 2 * 384;
        long head = (flat * 2048 + 2048) + (2048 * 1024 + 1024) + (1024 * 10 + 10); // 3,147,776 + 2,098,176 + 10,250
        long byHand = stage0 + stage1 + stage2 + stage3 + head;

        ModelSpec spec = decoder.decode(EXAMPLE, CIFAR);

        assertThat(byHand).isEqualTo(5_693_674L);
        assertThat(spec.params()).isEqualTo(byHand);
        // the moving mean and variance of 48 + 96 + 192 + 384 channels are not trained
        assertThat(spec.nonTrainableParams()).isEqualTo(2L * (48 + 96 + 192 + 384));
    }
}
