package io.cnnga.engine.plugin;

import io.cnnga.api.PluginFactory;

/**
 * One factory found by the {@link PluginRegistry}, with where it came from.
 *
 * <pre>{@code
 * for (PluginEntry e : registry.entries()) {
 *     System.out.println(e.kind().section() + " " + e.id() + " " + e.version() + " " + e.source());
 * }
 * }</pre>
 *
 * @param kind        decoder, dataset, backend or executor
 * @param id          the id plans use
 * @param description one line from the factory
 * @param version     the JAR's Implementation-Version, or {@code dev} for unpacked classes
 * @param source      the JAR (or class folder) the factory's plugin was loaded from
 * @param factory     the factory itself
 */
public record PluginEntry(PluginKind kind, String id, String description, String version, String source,
                          PluginFactory<?> factory) {
}
