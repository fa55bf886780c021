package io.cnnga.api;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Trains trial requests in the JVM it is in, with the cnnga engine it finds there: what an
 * executor sends, with the requests of {@link RemoteTrials#request}, to the JVMs that train them.
 *
 * <pre>{@code
 * RemoteWorker worker = context.remote().worker();
 * JavaRDD<String> answers = requests.map(request -> worker.run(request, null, TrainingListener.NONE));
 * }</pre>
 *
 * <p>Contracts:
 * <ul>
 *   <li>{@link Serializable}: a worker travels inside a cluster task or any Java-serialised
 *       message; it holds only the plugin folders to load.</li>
 *   <li>Where it runs, it needs the engine on the class path of the class loader that loaded
 *       this class: {@link RemoteTrials#classPath()}. It finds the engine there through
 *       {@link ServiceLoader} ({@link Engine}), once per class loader.</li>
 *   <li>Thread-safe: several trials may train in one JVM at once. The engine builds a plan's data
 *       and backend once per JVM and shares them between its trials.</li>
 *   <li>{@link #run} never throws for what a trial or its plan does (a plan this JVM cannot
 *       prepare, data missing on this node, a genome decoded differently here, a training that
 *       throws): the answer then holds a {@code FAILED} result with the reason.</li>
 * </ul>
 */
public final class RemoteWorker implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The engine found beside this class; per class loader, since each loads this class anew. */
    private static volatile Engine engine;

    private final String[] pluginFolders;

    /**
     * A worker loading the drop-in plugins of {@code pluginFolders} (folders that do not exist
     * where it runs are skipped). The engine creates it; executors get it from
     * {@link RemoteTrials#worker()}.
     */
    public RemoteWorker(List<String> pluginFolders) {
        this.pluginFolders = pluginFolders.toArray(String[]::new);
        for (String folder : this.pluginFolders) {
            Objects.requireNonNull(folder, "plugin folder");
        }
    }

    /** The plugin folders a worker loads besides its class path. */
    public List<String> pluginFolders() {
        return List.of(pluginFolders);
    }

    /**
     * Trains the trial of {@code request} in this JVM and returns the answer that
     * {@link RemoteTrials#result} reads.
     *
     * @param request  a request of {@link RemoteTrials#request}, unchanged
     * @param device   the device to train on, {@code cpu} or {@code gpu:N} (a cluster task learns
     *                 its GPU only when it runs); null keeps the request's own
     * @param progress hears the training's steps and epochs; null for none
     * @throws InvalidInputException when {@code request} is not a request
     * @throws IllegalStateException when this JVM has no cnnga engine on its class path
     */
    public String run(String request, String device, TrainingListener progress) {
        Objects.requireNonNull(request, "request");
        return engine().run(request, device, pluginFolders(), progress == null ? TrainingListener.NONE : progress);
    }

    private static Engine engine() {
        Engine found = engine;
        if (found != null) {
            return found;
        }
        try {
            found = ServiceLoader.load(Engine.class, RemoteWorker.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cnnga engine on the class path of this JVM "
                            + "(it needs the engine's class path, RemoteTrials.classPath())"));
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("the cnnga engine on this JVM's class path cannot be loaded: " + e.getMessage(), e);
        }
        engine = found;
        return found;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (pluginFolders == null || java.util.Arrays.asList(pluginFolders).contains(null)) {
            throw new InvalidObjectException("a remote worker needs its plugin folders");
        }
    }

    /**
     * The engine's side of a {@link RemoteWorker}: implemented by the engine, which registers it
     * in {@code META-INF/services/io.cnnga.api.RemoteWorker$Engine}; plugins never implement it.
     * Same contracts as {@link RemoteWorker#run}.
     */
    public interface Engine {

        /** Trains {@code request} on {@code device} (null: the request's), loading {@code pluginFolders}. */
        String run(String request, String device, List<String> pluginFolders, TrainingListener progress);
    }
}
