package io.cnnga.decoder.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Decodes 1,000 seeded random genomes and checks each against an expectation derived here from the
 * bit string alone (own parsing, own tables, own parameter formula), never from decoder code.
 */
class PaperDecoderRandomGenomesTest {

    private static final int[] FILTERS = {16, 24, 32, 48};
    private static final int[] SCALES = {1, 2, 3, 4};
    private static final int[] KERNELS = {2, 3, 5, 7};
    private static final int[] DEPTHS = {1, 2, 3, 4, 5, 6, 7, 7};

    /** Square, grey odd-sized (28 → 14 → 7 → 4 → 2 → 1) and non-square odd inputs. */
    private static final List<DataInfo> DATA = List.of(
            DataInfo.of("cifar10", 32, 32, 3, 10),
            DataInfo.of("fashion-mnist", 28, 28, 1, 10),
            DataInfo.of("odd", 27, 45, 3, 100));

    /** One convolution the genome asks for. */
    private record ExpectedConv(int width, int kernel) {
    }

    private static int bitsToInt(String bits, int from, int toExclusive) {
        return Integer.parseInt(bits.substring(from, toExclusive), 2);
    }

    private static List<ExpectedConv> expectedConvs(String bits) {
        int filters = FILTERS[bitsToInt(bits, 0, 2)];
        int scale = SCALES[bitsToInt(bits, 2, 4)];
        int kernel = KERNELS[bitsToInt(bits, 4, 6)];
        int depth = DEPTHS[bitsToInt(bits, 6, 9)];
        List<ExpectedConv> convs = new ArrayList<>();
        for (int stage = 0; stage < depth; stage++) {
            int width = Math.min(512, filters * scale * (1 << stage));
            int count = bits.charAt(13 + stage) == '1' ? 1 : 2;
            for (int i = 0; i < count; i++) {
                convs.add(new ExpectedConv(width, kernel));
            }
        }
        return convs;
    }

    private static long expectedParams(String bits, DataInfo data) {
        int filters = FILTERS[bitsToInt(bits, 0, 2)];
        int scale = SCALES[bitsToInt(bits, 2, 4)];
        int kernel = KERNELS[bitsToInt(bits, 4, 6)];
        int depth = DEPTHS[bitsToInt(bits, 6, 9)];
        long params = 0;
        long channels = data.channels();
        long height = data.height();
        long width = data.width();
        for (int stage = 0; stage < depth; stage++) {
            long out = Math.min(512, filters * scale * (1L << stage));
            int count = bits.charAt(13 + stage) == '1' ? 1 : 2;
            for (int i = 0; i < count; i++) {
                params += (long) kernel * kernel * channels * out + out;
                channels = out;
            }
            params += 4 * channels;
            height = (height + 1) / 2; // SAME pooling with stride 2 rounds up
            width = (width + 1) / 2;
        }
        long features = height * width * channels;
        for (long units : new long[] {2048, 1024}) {
            params += features * units + units;
            features = units;
        }
        return params + features * data.classes() + data.classes();
    }

    @Test
    void decodesThousandRandomGenomesToTheConvolutionsAndParameterCountsTheirBitsSpell() {
        PaperDecoder decoder = PaperDecoder.paper();
        Random random = new Random(20210707L);
        Set<Integer> depthsSeen = new TreeSet<>();
        Set<Integer> kernelsSeen = new TreeSet<>();
        for (int n = 0; n < 1000; n++) {
            Genome genome = Genome.random(20, random);
            String bits = genome.bits();
            DataInfo data = DATA.get(n % DATA.size());

            ModelSpec spec = decoder.decode(genome, data);

            List<ExpectedConv> actualConvs = spec.layersOf(LayerSpec.Conv2D.class).stream()
                    .peek(conv -> assertThat(conv.stride()).isEqualTo(1))
                    .peek(conv -> assertThat(conv.padding()).isEqualTo(Padding.SAME))
                    .map(conv -> new ExpectedConv(conv.filters(), conv.kernelSize()))
                    .toList();
            List<ExpectedConv> expected = expectedConvs(bits);
            assertThat(actualConvs).as("convolutions of %s", bits).containsExactlyElementsOf(expected);
            assertThat(spec.params()).as("params of %s on %s", bits, data.name())
                    .isEqualTo(expectedParams(bits, data));
            depthsSeen.add(spec.layersOf(LayerSpec.MaxPool.class).size());
            kernelsSeen.add(expected.get(0).kernel());
        }
        // the sample reaches every depth and kernel, so the checks above covered them all
        assertThat(depthsSeen).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(kernelsSeen).containsExactly(2, 3, 5, 7);
    }
}
