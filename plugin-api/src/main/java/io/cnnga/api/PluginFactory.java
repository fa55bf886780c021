package io.cnnga.api;

/**
 * Creates one kind of plugin object from the {@code options} object of a plan.
 *
 * <pre>{@code
 * DecoderFactory factory = ...;            // found by id "paper"
 * Decoder decoder = factory.create(Options.empty("decoder.options"));
 * }</pre>
 *
 * <p>{@link #id()} is the name a plan uses ({@code "decoder": {"id": "paper"}}): lower-case
 * kebab-case, by convention also a {@code public static final String ID} of the factory.
 * {@link #create} consumes the options it understands and calls {@link Options#finish()}, so a
 * misspelt key fails naming the key and the accepted ones.
 *
 * @param <T> what the factory creates
 */
public interface PluginFactory<T> {

    /** The id plans use to choose this factory: lower-case kebab-case. */
    String id();

    /** One line for {@code bin/engine plugins}. */
    default String description() {
        return "";
    }

    /**
     * Creates the plugin object.
     *
     * @throws InvalidOptionException when an option is missing, malformed or unknown
     */
    T create(Options options);
}
