package io.cnnga.engine.executor;

import io.cnnga.engine.trial.PruningOrder;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.RemoteTrials;
import io.cnnga.api.RemoteWorker;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link RemoteTrials} for one plan: requests in the {@link TrialRequest} format,
 * workers loading this process's plugin folders, this JVM's class path.
 *
 * <pre>{@code
 * RemoteTrials remote = EngineRemoteTrials.forThisProcess(planJson);
 * ExecutionContext context = new ExecutionContext(runner, listener, remote);
 * }</pre>
 *
 * @param planJson      the resolved plan every request carries
 * @param pluginFolders the drop-in folders workers load
 * @param classPath     what a worker's JVM needs on its class path
 * @param pruning       by trial index: where the engine's pruner may stop the trial (none when absent)
 */
public record EngineRemoteTrials(String planJson, List<String> pluginFolders, List<String> classPath,
                                 Map<Integer, PruningOrder> pruning) implements RemoteTrials {

    public EngineRemoteTrials {
        pluginFolders = List.copyOf(pluginFolders);
        classPath = List.copyOf(classPath);
        pruning = Map.copyOf(pruning);
    }

    /** The same, with each trial's pruning order by index. */
    public EngineRemoteTrials withPruning(Map<Integer, PruningOrder> orders) {
        return new EngineRemoteTrials(planJson, pluginFolders, classPath, orders);
    }

    /** For {@code planJson} in this process: its plugin folders and class path ({@link EngineProcess}). */
    public static EngineRemoteTrials forThisProcess(String planJson) {
        return new EngineRemoteTrials(planJson, EngineProcess.pluginDirs().stream().map(Path::toString).toList(),
                EngineProcess.classPath().stream().map(e -> Path.of(e).toAbsolutePath().toString()).toList(), Map.of());
    }

    @Override
    public String request(Trial trial) {
        return TrialRequest.write(planJson, trial, pruning.getOrDefault(trial.index(), PruningOrder.NONE));
    }

    @Override
    public TrialResult result(Trial trial, String answer) {
        if (answer == null) {
            return TrialResult.failed(trial, List.of(), 0, "the worker gave no answer");
        }
        try {
            return TrialRequest.readResult(answer, trial);
        } catch (InvalidInputException e) {
            return TrialResult.failed(trial, List.of(), 0, e.getMessage());
        }
    }

    @Override
    public RemoteWorker worker() {
        return new RemoteWorker(pluginFolders);
    }
}
