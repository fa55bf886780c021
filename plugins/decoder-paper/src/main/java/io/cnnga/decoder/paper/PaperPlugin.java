package io.cnnga.decoder.paper;

import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Plugin;
import java.util.List;

/**
 * Contributes the paper decoder ({@value PaperDecoderFactory#ID}) to the plugin registry.
 *
 * <pre>{@code
 * for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
 *     plugin.decoders().forEach(f -> System.out.println(f.id()));   // prints "paper" for this one
 * }
 * }</pre>
 *
 * <p>Registered in {@code META-INF/services/io.cnnga.api.Plugin}.
 */
public final class PaperPlugin implements Plugin {

    @Override
    public List<DecoderFactory> decoders() {
        return List.of(new PaperDecoderFactory());
    }
}
