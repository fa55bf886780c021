package io.cnnga.decoder.paper;

import io.cnnga.api.ActivationFunction;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The choices one genome makes, looked up in the decoder's tables: what the network will be,
 * before it becomes layers.
 *
 * <pre>{@code
 * PaperArchitecture a = PaperDecoder.paper().architecture(Genome.of("01010001110010011100"));
 * a.depth();          // 4
 * a.widths();         // [48, 96, 192, 384]
 * a.convsPerStage();  // [2, 2, 1, 1]
 * a.explain();        // "filters 24, scale 2, kernel 2, depth 4, dropout 0.4, elu,
 *                     //  convs per stage 2,2,1,1, widths 48,96,192,384"
 * }</pre>
 *
 * @param filters       first-stage channels before the scale
 * @param scale         multiplier of the first stage's channels
 * @param kernel        side of every square convolution kernel
 * @param depth         number of stages
 * @param dropout       dropout rate after each stage
 * @param activation    activation after each convolution
 * @param convsPerStage convolutions in each stage, 1 or 2, {@code depth} entries
 * @param widths        output channels of each stage's convolutions, {@code depth} entries
 */
public record PaperArchitecture(int filters, int scale, int kernel, int depth, double dropout,
                                ActivationFunction activation, List<Integer> convsPerStage, List<Integer> widths) {

    public PaperArchitecture {
        convsPerStage = List.copyOf(convsPerStage);
        widths = List.copyOf(widths);
        if (depth < 1 || convsPerStage.size() != depth || widths.size() != depth) {
            throw new IllegalArgumentException("depth " + depth + " needs that many convs-per-stage and widths, had "
                    + convsPerStage.size() + " and " + widths.size());
        }
    }

    /** The choices in words, e.g. for {@code bin/engine decode} and reports. */
    public String explain() {
        return "filters " + filters + ", scale " + scale + ", kernel " + kernel + ", depth " + depth
                + ", dropout " + BigDecimal.valueOf(dropout).stripTrailingZeros().toPlainString()
                + ", " + activation.id()
                + ", convs per stage " + joined(convsPerStage) + ", widths " + joined(widths);
    }

    private static String joined(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
