package io.cnnga.engine.cli;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.executor.EngineProcess;
import io.cnnga.engine.plugin.PluginRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options every command takes: where drop-in plugins live, and whether to show stack traces.
 *
 * <pre>{@code
 * bin/engine plugins --plugin-dir ~/my-plugins --debug
 * }</pre>
 */
public final class CommonOptions {

    /** Set by bin/engine: the checkout, whose plugins.d/ holds drop-in plugins. */
    public static final String HOME_PROPERTY = "cnnga.home";

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "Also load plugin JARs from DIR (repeatable); plugins.d/ beside bin/ is always read.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    /**
     * The folders drop-in plugins are read from: plugins.d/ of the installation, then --plugin-dir.
     *
     * @throws InvalidInputException when a --plugin-dir is not a folder (a typo would otherwise
     *                               leave its plugins out silently)
     */
    public List<Path> allPluginDirs() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            dirs.add(Path.of(home, "plugins.d"));
        }
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("--plugin-dir " + dir.toAbsolutePath().normalize() + ": "
                        + (Files.exists(dir) ? "is a file, not a folder; give the folder that holds the plugin JARs"
                        : "no such folder; give the folder that holds the plugin JARs"));
            }
            dirs.add(dir);
        }
        return dirs;
    }

    public PluginRegistry registry() {
        // Through EngineProcess, so child JVMs and Spark tasks load the same plugin folders.
        return EngineProcess.loadRegistry(allPluginDirs());
    }
}
