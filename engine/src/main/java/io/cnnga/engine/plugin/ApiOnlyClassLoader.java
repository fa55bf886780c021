package io.cnnga.engine.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every drop-in plugin's class loader: it shows the JDK, {@code io.cnnga.api} and
 * the engine's executor support ({@code io.cnnga.engine.executor}: trial requests and the worker
 * that trains them, for executor plugins), and hides the engine's own libraries, so a plugin
 * brings the versions it was built with and can never clash with ours (the Trino layout).
 *
 * <pre>{@code
 * ClassLoader pluginLoader = new URLClassLoader(jarUrls, new ApiOnlyClassLoader(engineLoader));
 * }</pre>
 */
final class ApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = "io.cnnga.api.";
    /** What executor plugins (Spark) call to hand trials to workers: trial JSON, TrialWorker. */
    private static final String EXECUTOR_SUPPORT_PACKAGE = "io.cnnga.engine.executor.";

    private final ClassLoader engine;

    ApiOnlyClassLoader(ClassLoader engine) {
        super(ClassLoader.getPlatformClassLoader());
        this.engine = engine;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE) || name.startsWith(EXECUTOR_SUPPORT_PACKAGE)) {
            return engine.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    // Resources (service files above all) come only from the plugin's own JARs.
    @Override
    public URL getResource(String name) {
        return getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return Collections.emptyEnumeration();
    }
}
