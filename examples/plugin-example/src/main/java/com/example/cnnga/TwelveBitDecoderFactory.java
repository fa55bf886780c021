package com.example.cnnga;

import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Options;

/**
 * Decoder {@code twelve-bit}: a 12-bit genome, a plain stack of convolution blocks.
 *
 * <pre>{@code
 * "decoder": { "id": "twelve-bit", "options": { "maxFilters": 32 } }
 * }</pre>
 *
 * <p>Option {@code maxFilters} (default 64, 8 to 512): the widest convolution a genome may ask for.
 */
public final class TwelveBitDecoderFactory implements DecoderFactory {

    public static final String ID = "twelve-bit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "example: 12-bit genome, 1-4 conv blocks (filters, kernel, batch norm, activation) and a dense head";
    }

    @Override
    public Decoder create(Options options) {
        int maxFilters = options.integer("maxFilters", 64, 8, 512);
        options.finish();   // a misspelt option fails, naming it
        return new TwelveBitDecoder(maxFilters);
    }
}
