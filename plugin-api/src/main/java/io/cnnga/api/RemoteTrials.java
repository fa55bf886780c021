package io.cnnga.api;

import java.util.List;

/**
 * What the engine does for an executor that trains trials outside the engine's JVM (in child
 * processes, on cluster nodes): turns a trial into a request to send, gives the worker that
 * trains such requests wherever it is sent, says what a JVM there needs on its class path, and
 * reads the answer back into a result. Executors receive it in their
 * {@link ExecutionContext#remote()}.
 *
 * <pre>{@code
 * RemoteTrials remote = context.remote();
 * String request = remote.request(trial);        // send it as it is
 * RemoteWorker worker = remote.worker();         // Serializable: send it along
 *
 * // in the JVM that trains, started with remote.classPath() on its class path:
 * String answer = worker.run(request, "gpu:1", TrainingListener.NONE);
 *
 * // back in the engine's JVM:
 * TrialResult result = remote.result(trial, answer);
 * }</pre>
 *
 * <p>Contracts:
 * <ul>
 *   <li>Requests and answers are strings whose format belongs to the engine, which may add to it
 *       (pruning thresholds, checkpoints); an executor carries them unchanged and never parses or
 *       edits them. The one thing an executor may change, the device, it passes to
 *       {@link RemoteWorker#run}.</li>
 *   <li>Only {@link RemoteWorker} is {@link java.io.Serializable}; this object stays in the
 *       engine's JVM.</li>
 *   <li>Thread-safe; no method throws: {@link #result} turns an answer that is not a result of
 *       its trial into a {@link TrialStatus#FAILED} result saying why.</li>
 * </ul>
 */
public interface RemoteTrials {

    /** The request that trains {@code trial} elsewhere: the plan, the trial, and what else the engine sends. */
    String request(Trial trial);

    /**
     * The result of {@code trial} from the answer its worker gave. Parameters and FLOPs are those
     * the engine decoded. An answer that is not a result, or a result of another trial, is a
     * {@code FAILED} result whose reason says so.
     */
    TrialResult result(Trial trial, String answer);

    /** The worker to send with the requests; it loads the plugin folders of {@link #pluginFolders()}. */
    RemoteWorker worker();

    /**
     * The class path a JVM needs to run {@link #worker()}: the engine, its libraries, this API and
     * the plugins on the engine's class path, as absolute file names (JARs and class folders).
     * An executor plugin adds its own JAR if its classes travel too.
     */
    List<String> classPath();

    /**
     * The folders of drop-in plugins the engine loaded, which a worker loads too where they exist
     * (a worker on another machine needs them at the same paths).
     */
    List<String> pluginFolders();
}
