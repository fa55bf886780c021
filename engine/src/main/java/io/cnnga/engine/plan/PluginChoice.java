package io.cnnga.engine.plan;

import io.cnnga.api.Options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan's choice of one plugin: its id and its {@code options} object.
 *
 * <pre>{@code
 * PluginChoice backend = new PluginChoice("tensorflow", Map.of("device", "cpu"));
 * Options options = backend.options("backend");   // errors name backend.options.KEY
 * }</pre>
 *
 * @param id      the factory id
 * @param options the JSON object given to the factory, unchanged
 */
public record PluginChoice(String id, Map<String, Object> options) {

    public PluginChoice {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    public static PluginChoice of(String id) {
        return new PluginChoice(id, Map.of());
    }

    /** Fresh options to consume, with errors naming {@code section.options.KEY}. */
    public Options options(String section) {
        return Options.of(section + ".options", options);
    }
}
