package io.cnnga.engine.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every drop-in plugin's class loader: it shows the JDK and {@code io.cnnga.api}
 * and hides the engine and its libraries, so a plugin brings the versions it was built with and
 * can never clash with ours (the Trino layout). What a plugin needs from the engine comes
 * through the API's interfaces (an executor's {@code ExecutionContext.remote()}, for one).
 *
 * <pre>{@code
 * ClassLoader pluginLoader = new URLClassLoader(jarUrls, new ApiOnlyClassLoader(engineLoader));
 * }</pre>
 */
final class ApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = "io.cnnga.api.";

    private final ClassLoader engine;

    ApiOnlyClassLoader(ClassLoader engine) {
        super(ClassLoader.getPlatformClassLoader());
        this.engine = engine;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
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
