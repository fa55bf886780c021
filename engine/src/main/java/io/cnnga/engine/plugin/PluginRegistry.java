package io.cnnga.engine.plugin;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Executor;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plan.PluginChoice;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every plugin the engine can use: those on the class path, and drop-ins from plugin folders.
 *
 * <pre>{@code
 * PluginRegistry registry = PluginRegistry.load(List.of(Path.of("plugins.d")));
 * Decoder decoder = registry.decoder(plan.decoder());   // unknown id: error listing the known ones
 * }</pre>
 *
 * <p>A plugin folder holds JARs, each loaded in its own class loader, and sub-folders, whose JARs
 * share one class loader (a plugin with its libraries). Those loaders see only the JDK and
 * {@code io.cnnga.api}. A JAR that cannot be loaded becomes one line in {@link #problems()} and
 * the others still load. Two plugins offering the same id of the same kind make that id unusable
 * until one is removed; the error names both sources. Loading only instantiates {@link Plugin}s
 * and asks for their factories, which must not load native libraries.
 */
public final class PluginRegistry {

    private final Map<String, PluginEntry> entries = new LinkedHashMap<>();
    private final Map<String, List<String>> conflicts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PluginRegistry() {
    }

    /** The class path's plugins plus those in {@code pluginDirs} (missing folders are skipped). */
    public static PluginRegistry load(List<Path> pluginDirs) {
        return load(pluginDirs, List.of());
    }

    /**
     * As {@link #load(List)}, plus plugin objects given directly: for programs that embed the
     * engine, and for tests.
     */
    public static PluginRegistry load(List<Path> pluginDirs, List<Plugin> given) {
        PluginRegistry registry = new PluginRegistry();
        for (Plugin plugin : given) {
            registry.register(plugin);
        }
        ClassLoader engine = PluginRegistry.class.getClassLoader();
        registry.addAll(ServiceLoader.load(Plugin.class, engine), "class path");
        for (Path dir : pluginDirs) {
            registry.loadFolder(dir, engine);
        }
        return registry;
    }

    private void loadFolder(Path dir, ClassLoader engine) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list plugin folder: " + e.getMessage());
            return;
        }
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                List<Path> jars;
                try (Stream<Path> list = Files.list(child)) {
                    jars = list.filter(PluginRegistry::isJar).sorted().toList();
                } catch (IOException e) {
                    problems.add(child + ": cannot list plugin folder: " + e.getMessage());
                    continue;
                }
                if (!jars.isEmpty()) {
                    loadJars(child, jars, engine);
                }
            } else if (isJar(child)) {
                loadJars(child, List.of(child), engine);
            }
        }
    }

    private static boolean isJar(Path p) {
        return p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p);
    }

    private void loadJars(Path source, List<Path> candidates, ClassLoader engine) {
        List<Path> jars = new ArrayList<>();
        for (Path jar : candidates) {
            String refusal = notAJar(jar);
            if (refusal == null) {
                jars.add(jar);
            } else {
                problems.add(refusal);
            }
        }
        if (jars.isEmpty()) {
            return;
        }
        URL[] urls = new URL[jars.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            problems.add(source + ": " + e.getMessage());
            return;
        }
        // Never closed: the plugin's classes stay in use for the life of the JVM.
        URLClassLoader loader = new URLClassLoader(urls, new ApiOnlyClassLoader(engine));
        int entriesBefore = entries.size();
        int problemsBefore = problems.size();
        addAll(ServiceLoader.load(Plugin.class, loader), source.toString());
        if (entries.size() == entriesBefore && problems.size() == problemsBefore) {
            problems.add(source + ": no plugin found (it needs META-INF/services/" + Plugin.class.getName() + ")");
        }
    }

    /** Why {@code jar} cannot be loaded as a JAR (a file named .jar that is no ZIP archive), or null when it can. */
    private static String notAJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return null;
        } catch (IOException e) {
            return jar + ": not a JAR file (" + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + "); rebuild it, or remove it from the plugin folder";
        }
    }

    private void addAll(ServiceLoader<Plugin> loader, String where) {
        Iterator<Plugin> it = loader.iterator();
        while (true) {
            Plugin plugin;
            try {
                if (!it.hasNext()) {
                    return;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(where + ": cannot load plugin: " + rootMessage(e));
                if (e instanceof LinkageError) {
                    return;
                }
                continue;
            }
            try {
                register(plugin);
            } catch (RuntimeException | LinkageError e) {
                problems.add(sourceOf(plugin.getClass()) + ": plugin " + plugin.getClass().getName()
                        + " failed to list its factories: " + rootMessage(e));
            }
        }
    }

    private void register(Plugin plugin) {
        String source = sourceOf(plugin.getClass());
        String version = versionOf(plugin.getClass());
        for (PluginKind kind : PluginKind.values()) {
            List<? extends PluginFactory<?>> factories = kind.factories(plugin);
            if (factories == null) {
                problems.add(source + ": plugin " + plugin.getClass().getName() + " returned null from "
                        + kind.section() + "s(); it must return a list (empty when it offers none)");
                continue;
            }
            for (PluginFactory<?> factory : factories) {
                String refusal = refusal(factory);
                if (refusal != null) {
                    problems.add(source + ": plugin " + plugin.getClass().getName() + " offers a " + kind.section()
                            + " factory " + refusal + "; that factory is not loaded");
                    continue;
                }
                String id = factory.id();
                String key = key(kind, id);
                String description = factory.description() == null ? "" : factory.description();
                PluginEntry entry = new PluginEntry(kind, id, description, version, source, factory);
                PluginEntry existing = entries.get(key);
                if (conflicts.containsKey(key)) {
                    conflicts.get(key).add(source);
                } else if (existing != null) {
                    entries.remove(key);
                    conflicts.put(key, new ArrayList<>(List.of(existing.source(), source)));
                    problems.add(kind.section() + " id \"" + id + "\" is offered by both "
                            + existing.source() + " and " + source + "; remove one of them");
                } else {
                    entries.put(key, entry);
                }
            }
        }
    }

    /** Why a factory cannot be chosen by a plan, or null when it can. */
    private static String refusal(PluginFactory<?> factory) {
        if (factory == null) {
            return "that is null";
        }
        String id = factory.id();
        if (id == null) {
            return factory.getClass().getName() + " whose id() is null (a plan chooses a factory by its id)";
        }
        if (!PlanReader.isPluginId(id)) {
            return factory.getClass().getName() + " whose id() \"" + id + "\" is not a lower-case kebab-case id"
                    + " (such as my-decoder), the only ids a plan can name";
        }
        return null;
    }

    private static String key(PluginKind kind, String id) {
        return kind.section() + ":" + id;
    }

    static String sourceOf(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "unknown";
        }
        try {
            return Path.of(code.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return code.getLocation().toString();
        }
    }

    private static String versionOf(Class<?> type) {
        Package p = type.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t == e ? e.getMessage() : e.getMessage() + " (" + t + ")";
        return message == null ? e.toString() : message;
    }

    /** Every usable factory, in the order found. */
    public List<PluginEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** One line per JAR that failed to load and per duplicate id. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The ids of one kind. */
    public List<String> ids(PluginKind kind) {
        return entries.values().stream().filter(e -> e.kind() == kind).map(PluginEntry::id).toList();
    }

    /**
     * The factory of {@code kind} with {@code id}.
     *
     * @throws InvalidOptionException at {@code SECTION.id} when no plugin offers it, listing those that do
     * @throws InvalidInputException  when two plugins offer it
     */
    public PluginFactory<?> factory(PluginKind kind, String id) {
        String key = key(kind, id);
        if (conflicts.containsKey(key)) {
            throw new InvalidInputException(kind.section() + ".id: " + kind.section() + " \"" + id
                    + "\" is offered by " + String.join(" and ", conflicts.get(key)) + "; remove one of them");
        }
        PluginEntry entry = entries.get(key);
        if (entry == null) {
            List<String> known = ids(kind);
            throw new InvalidOptionException(kind.section() + ".id", "unknown " + kind.section() + " \"" + id
                    + "\"; available: " + (known.isEmpty() ? "none" : known.stream().sorted().collect(Collectors.joining(", ")))
                    + " (drop a plugin JAR into plugins.d/ to add one)");
        }
        return entry.factory();
    }

    public Decoder decoder(PluginChoice choice) {
        return create(PluginKind.DECODER, choice, DecoderFactory.class);
    }

    public Dataset dataset(PluginChoice choice) {
        return create(PluginKind.DATASET, choice, DatasetFactory.class);
    }

    public Backend backend(PluginChoice choice) {
        return create(PluginKind.BACKEND, choice, BackendFactory.class);
    }

    public Executor executor(PluginChoice choice) {
        return create(PluginKind.EXECUTOR, choice, ExecutorFactory.class);
    }

    private <T, F extends PluginFactory<T>> T create(PluginKind kind, PluginChoice choice, Class<F> type) {
        F factory = type.cast(factory(kind, choice.id()));
        Options options = choice.options(kind.section());
        T created = factory.create(options);
        options.finish();
        return created;
    }
}
