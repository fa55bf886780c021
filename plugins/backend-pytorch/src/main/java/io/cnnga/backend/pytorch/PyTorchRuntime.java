package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.TrainingFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one PyTorch engine of the JVM, loaded on first use and offline: libtorch and DJL's JNI
 * bridge come from the JARs on this plugin's classpath and are unpacked into a cache folder.
 *
 * <pre>{@code
 * Engine torch = PyTorchRuntime.engine(4);   // loads libtorch now; 4 intra-op threads
 * PyTorchRuntime.version();                  // "2.7.1"
 * }</pre>
 *
 * <p>Before the engine loads, and only where the user has not set them, this sets DJL's system
 * properties: {@code ai.djl.offline=true} (never download natives), {@code OPT_OUT_TRACKING=true}
 * (DJL otherwise probes the EC2 metadata service), {@code ai.djl.pytorch.graph_optimizer=false}
 * (TorchScript only) and {@code DJL_CACHE_DIR}
 * ({@code $XDG_CACHE_HOME/cnnga/djl}, else {@code ~/.cache/cnnga/djl}). A CUDA libtorch 2.7.1 in
 * {@code PYTORCH_LIBRARY_PATH} replaces the bundled CPU one.
 *
 * <p>Loading warns once when the process allocates with glibc's malloc, under which libtorch
 * evaluates several times slower ({@link ProcessAllocator}), and turns NNPACK off, which never runs
 * this backend's convolutions but floods stderr where it cannot initialise ({@link Nnpack}).
 *
 * <p>DJL finds its engine and the native JARs through the thread's context class loader; the
 * engine loads plugin JARs in class loaders of their own, so loading swaps in this class's loader.
 */
final class PyTorchRuntime {

    static final String ENGINE_NAME = "PyTorch";

    private static Engine engine;
    private static String failure;

    private PyTorchRuntime() {
    }

    /**
     * The PyTorch engine, loading it the first time.
     *
     * @param threads intra-op threads, 0 to keep libtorch's choice (one per core). libtorch's
     *                pool is process-wide: the latest positive value applies to every session
     * @throws TrainingFailedException when libtorch cannot be loaded (the same message ever after)
     */
    static synchronized Engine engine(int threads) {
        if (failure != null) {
            throw new TrainingFailedException(failure);
        }
        if (engine == null) {
            engine = load();
        }
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /** Whether the engine has been loaded in this JVM (it never is by listing plugins). */
    static synchronized boolean loaded() {
        return engine != null;
    }

    /** libtorch's version, e.g. "2.7.1"; loads the engine. */
    static String version() {
        return engine(0).getVersion();
    }

    /** Where libtorch is unpacked when no one chose a folder. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("cnnga").resolve("djl");
    }

    private static Engine load() {
        setIfAbsent("ai.djl.offline", "DJL_OFFLINE", "true");
        setIfAbsent("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true");
        // Only TorchScript modules use the graph executor, and this backend loads none; left on, DJL
        // logs a line about it in every JVM.
        setIfAbsent("ai.djl.pytorch.graph_optimizer", null, "false");
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null) {
            setIfAbsent("DJL_CACHE_DIR", "DJL_CACHE_DIR", defaultCacheDir().toString());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PyTorchRuntime.class.getClassLoader());
        try {
            Engine e = Engine.getEngine(ENGINE_NAME);
            e.getVersion();
            System.Logger log = System.getLogger(PyTorchRuntime.class.getName());
            String maps = processMaps();
            ProcessAllocator.slowMallocWarning(maps).ifPresent(w -> log.log(System.Logger.Level.WARNING, w));
            if (!Nnpack.disable(maps)) {
                log.log(System.Logger.Level.DEBUG, "NNPACK left as libtorch set it (libtorch not found in /proc/self/maps)");
            }
            return e;
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError | ExceptionInInitializerError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failure = "could not load PyTorch (libtorch 2.7.1 through DJL 0.36): " + e.getMessage()
                    + (cause != e ? " (" + cause + ")" : "")
                    + "; PYTORCH_LIBRARY_PATH=" + System.getenv("PYTORCH_LIBRARY_PATH");
            throw new TrainingFailedException(failure, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The text of this process's {@code /proc/self/maps} (which libraries are loaded); empty off Linux. */
    static String processMaps() {
        try {
            return Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Sets a system property unless it, or the environment variable DJL reads first (if any), is set. */
    private static void setIfAbsent(String property, String environment, String value) {
        if (System.getProperty(property) == null && (environment == null || System.getenv(environment) == null)) {
            System.setProperty(property, value);
        }
    }

    /**
     * DJL's device for a plan's device choice: {@code auto} is the engine's default device (the
     * first GPU when libtorch has CUDA and sees one, else the CPU).
     *
     * @throws IllegalStateException when a {@code gpu:N} is asked for and libtorch is the CPU build,
     *                               or counts its GPUs and has fewer
     */
    static Device device(DeviceChoice choice, Engine engine) {
        return switch (choice.kind()) {
            case AUTO -> engine.defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (!engine.hasCapability("CUDA")) {
                    throw new IllegalStateException("device " + choice + " is not available: libtorch "
                            + engine.getVersion() + " is the CPU build (point PYTORCH_LIBRARY_PATH at a CUDA"
                            + " libtorch 2.7.1 and set PYTORCH_FLAVOR=cu128)");
                }
                // DJL counts GPUs through the CUDA runtime it finds on the library path; when it finds
                // none, libtorch itself will say whether the device exists at the first tensor.
                int gpus = engine.getGpuCount();
                if (gpus > 0 && choice.index() >= gpus) {
                    throw new IllegalStateException("device " + choice + " is not available: libtorch "
                            + engine.getVersion() + " sees " + gpus + " GPU(s)");
                }
                yield Device.gpu(choice.index());
            }
        };
    }
}
