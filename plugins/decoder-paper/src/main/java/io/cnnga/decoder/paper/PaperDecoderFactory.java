package io.cnnga.decoder.paper;

import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import java.util.List;

/**
 * Creates the paper decoder from a plan's {@code decoder.options}; its id is {@value #ID}.
 *
 * <pre>{@code
 * Decoder paper = new PaperDecoderFactory().create(Options.empty("decoder.options"));
 * Decoder bigKernels = new PaperDecoderFactory().create(Options.of("decoder.options",
 *         Map.of("kernels", List.of(3, 5, 7, 9), "head", List.of(512))));
 * }</pre>
 *
 * <p>Options, each defaulting to the paper: the choice tables {@code filters}, {@code scales},
 * {@code kernels}, {@code depths}, {@code dropouts} (lists of numbers, 4 entries, 8 for depths)
 * and {@code activations} (4 of {@code relu}, {@code elu}, {@code leaky_relu}, {@code swish});
 * {@code maxWidth} (512), {@code head} (hidden dense widths, [2048, 1024]) and
 * {@code headDropout} (0.5).
 */
public final class PaperDecoderFactory implements DecoderFactory {

    public static final String ID = "paper";

    /** Option: cap on a stage's channels. */
    public static final String MAX_WIDTH = "maxWidth";
    /** Option: widths of the hidden dense layers. */
    public static final String HEAD = "head";
    /** Option: dropout after each hidden dense layer. */
    public static final String HEAD_DROPOUT = "headDropout";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the CNNGA paper's 20-bit genome: filters, scale, kernel, depth, dropout, activation, "
                + "convs per stage; fixed dense head";
    }

    /** @throws InvalidOptionException at the JSON path of a bad or unknown option */
    @Override
    public Decoder create(Options options) {
        PaperChoices choices = PaperChoices.read(options);
        int maxWidth = options.integer(MAX_WIDTH, PaperDecoder.DEFAULT_MAX_WIDTH);
        List<Integer> head = options.integers(HEAD, PaperDecoder.DEFAULT_HEAD);
        double headDropout = options.number(HEAD_DROPOUT, PaperDecoder.DEFAULT_HEAD_DROPOUT);
        PaperDecoder.check(choices, maxWidth, head, headDropout, Complaint.inOptions(options));
        options.finish();
        return new PaperDecoder(choices, maxWidth, head, headDropout);
    }
}
