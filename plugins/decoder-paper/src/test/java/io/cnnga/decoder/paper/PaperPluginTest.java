package io.cnnga.decoder.paper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The plugin offers the paper decoder and nothing else (that the service file registers it is
 * {@link PaperDecoderContractTest}'s part of the kit's contract).
 */
class PaperPluginTest {

    @Test
    void offersOnlyADecoder() {
        PaperPlugin plugin = new PaperPlugin();

        assertThat(plugin.decoders()).singleElement().isInstanceOf(PaperDecoderFactory.class);
        assertThat(plugin.datasets()).isEmpty();
        assertThat(plugin.backends()).isEmpty();
        assertThat(plugin.executors()).isEmpty();
    }
}
