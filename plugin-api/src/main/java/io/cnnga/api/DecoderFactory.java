package io.cnnga.api;

/**
 * Creates {@link Decoder}s; registered through {@link Plugin#decoders()}.
 *
 * <pre>{@code
 * Decoder decoder = new PaperDecoderFactory().create(Options.empty("decoder.options"));
 * }</pre>
 */
public interface DecoderFactory extends PluginFactory<Decoder> {
}
