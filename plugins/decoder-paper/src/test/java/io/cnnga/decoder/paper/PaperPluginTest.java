package io.cnnga.decoder.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Plugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The JAR's service registration: the engine finds the decoder the way it finds every plugin. */
class PaperPluginTest {

    @Test
    void serviceLoaderFindsThePaperDecoder() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(plugins).hasAtLeastOneElementOfType(PaperPlugin.class);
        assertThat(plugins.stream().flatMap(p -> p.decoders().stream()).map(DecoderFactory::id))
                .contains(PaperDecoderFactory.ID);
    }

    @Test
    void offersOnlyADecoder() {
        PaperPlugin plugin = new PaperPlugin();

        assertThat(plugin.decoders()).singleElement().isInstanceOf(PaperDecoderFactory.class);
        assertThat(plugin.datasets()).isEmpty();
        assertThat(plugin.backends()).isEmpty();
        assertThat(plugin.executors()).isEmpty();
    }
}
