package io.cnnga.engine.executor;

import io.cnnga.engine.plugin.PluginRegistry;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This engine process as its workers must recreate it: the plugin folders its command line
 * loaded, its class path and its {@code java}. A child JVM of the local executor and a Spark task
 * on a cluster node load the same plugins from the same folders, so they decode, load data and
 * train exactly as this process would.
 *
 * <pre>{@code
 * PluginRegistry registry = EngineProcess.loadRegistry(List.of(Path.of("plugins.d"), extraDir));
 * EngineProcess.pluginDirs();    // [plugins.d, extraDir]: what workers load too
 * }</pre>
 *
 * <p>The command line loads its registry through {@link #loadRegistry}; trials run by a worker
 * inside this same JVM (a Spark task in {@code local[N]} mode) then reuse that registry instead of
 * loading every drop-in JAR a second time, which a plugin with native libraries would not
 * survive (a native library can belong to one class loader only).
 */
public final class EngineProcess {

    /** System properties starting with this prefix are passed on to child JVMs. */
    static final String PROPERTY_PREFIX = "cnnga.";

    private static List<Path> pluginDirs;
    private static PluginRegistry registry;
    private static final Map<List<Path>, PluginRegistry> OTHER_REGISTRIES = new HashMap<>();

    private EngineProcess() {
    }

    /**
     * Loads the plugins on the class path and in {@code dirs} (missing folders are skipped) and
     * remembers both as this process's plugins.
     */
    public static synchronized PluginRegistry loadRegistry(List<Path> dirs) {
        // Absolute: workers started elsewhere (another working directory, another node) load them too.
        pluginDirs = dirs.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        registry = PluginRegistry.load(pluginDirs);
        return registry;
    }

    /**
     * The plugin folders workers must load: those of the last {@link #loadRegistry} call, or, before
     * any, the installation's {@code plugins.d} (from {@code -Dcnnga.home}) if there is one.
     */
    public static synchronized List<Path> pluginDirs() {
        if (pluginDirs != null) {
            return pluginDirs;
        }
        String home = System.getProperty("cnnga.home");
        return home == null ? List.of() : List.of(Path.of(home, "plugins.d").toAbsolutePath().normalize());
    }

    /**
     * The plugins for {@code dirs}: this process's own registry when it was loaded from exactly
     * those folders, otherwise one loaded once and kept for the life of the JVM.
     */
    static synchronized PluginRegistry registryFor(List<Path> dirs) {
        dirs = dirs.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        if (registry != null && pluginDirs.equals(dirs)) {
            return registry;
        }
        return OTHER_REGISTRIES.computeIfAbsent(List.copyOf(dirs), PluginRegistry::load);
    }

    /** The entries of this JVM's class path, which a child JVM of the engine starts with. */
    public static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The {@code java} launcher of the JVM running this process. */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The {@code -Dcnnga.*} settings of this JVM (above all {@code cnnga.home}, whose
     * {@code plugins.d} a child loads) and its heap limit, as options for a child JVM.
     */
    static List<String> inheritedJvmOptions() {
        List<String> options = new ArrayList<>();
        for (String name : System.getProperties().stringPropertyNames().stream().sorted().toList()) {
            if (name.startsWith(PROPERTY_PREFIX)) {
                options.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        // The user sized this JVM's heap for the data; a child loads the same data.
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxRAMPercentage=")) {
                options.add(argument);
            }
        }
        return options;
    }
}
