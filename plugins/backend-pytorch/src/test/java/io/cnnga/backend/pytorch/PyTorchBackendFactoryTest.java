package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.BackendFactory;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.PrecisionChoice;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.Precision;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.Backend;
import io.cnnga.api.Plugin;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The factory's id and options, and that listing the plugin loads neither DJL's engine nor libtorch. */
class PyTorchBackendFactoryTest {

    @Test
    void idIsPytorch() {
        assertThat(new PyTorchBackendFactory().id()).isEqualTo("pytorch").isEqualTo(PyTorchBackendFactory.ID);
        assertThat(new PyTorchPlugin().backends()).singleElement().isInstanceOf(PyTorchBackendFactory.class);
    }

    @Test
    void optionsDefaultLikeTheTensorFlowBackend() {
        BackendOptions o = BackendOptions.consume(Options.empty("backend.options"));
        assertThat(o).isEqualTo(new BackendOptions("auto", 0, 0.9, BatchNormStatistics.RECOMPUTED, null,
                PrecisionChoice.AUTO));
        assertThat(o.seedFor(42L)).isEqualTo(42L);
        BackendOptions set = BackendOptions.consume(Options.of("backend.options",
                Map.of("device", "gpu:1", "threads", 2, "batchNormMomentum", 0.99, "batchNormStatistics", "moving", "seed", 7)));
        assertThat(set).isEqualTo(new BackendOptions("gpu:1", 2, 0.99, BatchNormStatistics.MOVING, 7L,
                PrecisionChoice.AUTO));
        assertThat(set.seedFor(42L)).isEqualTo(7L);
    }

    @Test
    void anUnknownOptionIsNamedWithTheAcceptedOnes() {
        BackendFactory factory = new PyTorchBackendFactory();
        assertThatThrownBy(() -> factory.create(Options.of("backend.options", Map.of("devise", "cpu"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("backend.options.devise: unknown option; accepted: device, threads, batchNormMomentum, batchNormStatistics, seed, precision");
    }

    /** DJL cannot train in bfloat16 honestly: bf16 is refused in one line naming the option, auto is float32. */
    @Test
    void bf16IsRefusedAndAutoTrainsInFloat32() {
        BackendFactory factory = new PyTorchBackendFactory();
        assertThatThrownBy(() -> factory.create(Options.of("backend.options", Map.of("precision", "bf16"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("backend.options.precision: bf16 is not available on the pytorch backend (DJL 0.36 cannot "
                        + "make bfloat16 tensors that autograd follows); use fp32, or auto, which is fp32 here");
        assertThatThrownBy(() -> new PyTorchBackend(BackendOptions.defaults().withPrecision(PrecisionChoice.BF16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("precision: bf16 is not available");
        try (Backend auto = factory.create(Options.of("backend.options", Map.of("precision", "auto", "device", "cpu")));
             TrainingSession s = auto.open(TrainingSessionTest.small(), new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            assertThat(auto.precision()).isEqualTo(Precision.FP32);
            assertThat(s.precision()).isEqualTo(Precision.FP32);
            assertThat(auto.peakGflops(Precision.BF16)).isEmpty();
        }
    }

    @Test
    void badValuesNameTheirPath() {
        assertThatThrownBy(() -> BackendOptions.consume(Options.of("backend.options", Map.of("device", "cuda"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("backend.options.device: unknown device \"cuda\"");
        assertThatThrownBy(() -> BackendOptions.consume(Options.of("backend.options", Map.of("batchNormMomentum", 1))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("backend.options.batchNormMomentum: must be at least 0 and less than 1");
        assertThatThrownBy(() -> BackendOptions.consume(Options.of("backend.options", Map.of("threads", -1))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("backend.options.threads:");
    }

    /**
     * In a class loader of its own (as the engine loads plugin JARs), finding the plugin through
     * {@link ServiceLoader}, listing its factories and asking their ids loads no DJL engine class.
     */
    @Test
    void listingThePluginLoadsNothingNative() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (Isolated loader = new Isolated(urls.toArray(URL[]::new))) {
            Class<?> pluginType = loader.loadClass(Plugin.class.getName());
            List<String> ids = new ArrayList<>();
            for (Object plugin : ServiceLoader.load(pluginType, loader)) {
                if (plugin.getClass().getName().equals(PyTorchPlugin.class.getName())) {
                    for (Object factory : (List<?>) pluginType.getMethod("backends").invoke(plugin)) {
                        ids.add((String) factory.getClass().getMethod("id").invoke(factory));
                        factory.getClass().getMethod("description").invoke(factory);
                    }
                }
            }
            assertThat(ids).containsExactly("pytorch");
            assertThat(loader.loaded(PyTorchRuntime.class.getName())).isFalse();
            assertThat(loader.loaded("ai.djl.engine.Engine")).isFalse();
            assertThat(loader.loaded("ai.djl.pytorch.jni.LibUtils")).isFalse();
        }
    }

    /** A child-first view of the test class path that can tell which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
