package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.BackendFactory;
import io.cnnga.api.Plugin;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found by ServiceLoader and listing it loads no TensorFlow class (so no native). */
class PluginListingTest {

    /** A class loader of the test class path that says which classes it has loaded. */
    static final class Watching extends URLClassLoader {
        Watching(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void listedByServiceLoaderWithoutLoadingTensorFlow() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            try {
                urls.add(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Watching loader = new Watching(urls.toArray(URL[]::new))) {
            Class<?> pluginType = loader.loadClass(Plugin.class.getName());
            List<String> ids = new ArrayList<>();
            for (Object plugin : ServiceLoader.load(pluginType, loader)) {
                for (Object factory : (List<?>) pluginType.getMethod("backends").invoke(plugin)) {
                    ids.add((String) factory.getClass().getMethod("id").invoke(factory));
                    factory.getClass().getMethod("description").invoke(factory);
                }
            }
            assertThat(ids).contains(TensorFlowBackendFactory.ID);
            assertThat(loader.loaded(TensorFlowPlugin.class.getName())).isTrue();
            assertThat(loader.loaded("org.tensorflow.TensorFlow")).isFalse();
            assertThat(loader.loaded("org.tensorflow.internal.c_api.global.tensorflow")).isFalse();
            assertThat(loader.loaded(TensorFlowBackend.class.getName())).isFalse();
        }
    }

    @Test
    void inThisClassLoaderToo() {
        List<BackendFactory> found = new ArrayList<>();
        ServiceLoader.load(Plugin.class).forEach(p -> found.addAll(p.backends()));
        assertThat(found).extracting(BackendFactory::id).containsExactly("tensorflow");
        assertThat(TensorFlowBackendFactory.ID).isEqualTo("tensorflow");
    }
}
