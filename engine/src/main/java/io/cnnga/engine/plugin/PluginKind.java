package io.cnnga.engine.plugin;

import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;

import java.util.List;

/**
 * The kinds of plugin a {@link Plugin} may contribute, named as plans name their sections.
 *
 * <pre>{@code
 * PluginKind.DECODER.section();              // "decoder"
 * PluginKind.DECODER.factories(plugin);      // plugin.decoders()
 * }</pre>
 */
public enum PluginKind {
    DECODER("decoder"),
    DATASET("dataset"),
    BACKEND("backend"),
    EXECUTOR("executor");

    private final String section;

    PluginKind(String section) {
        this.section = section;
    }

    /** The plan section choosing a plugin of this kind, and the word for it in messages. */
    public String section() {
        return section;
    }

    public List<? extends PluginFactory<?>> factories(Plugin plugin) {
        return switch (this) {
            case DECODER -> plugin.decoders();
            case DATASET -> plugin.datasets();
            case BACKEND -> plugin.backends();
            case EXECUTOR -> plugin.executors();
        };
    }
}
