package io.cnnga.engine.executor;

import io.cnnga.api.RemoteWorker;
import io.cnnga.api.TrainingListener;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine behind {@link RemoteWorker}: a worker sent to another JVM finds it there through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.cnnga.api.RemoteWorker$Engine})
 * and trains its requests with {@link TrialWorker}.
 *
 * <pre>{@code
 * String answer = new RemoteWorker(List.of("/opt/cnnga/plugins.d")).run(request, "gpu:0", TrainingListener.NONE);
 * }</pre>
 *
 * <p>Stateless: the plan's data and backend are kept by {@link TrialWorker}, once per plan and JVM.
 */
public final class RemoteWorkerEngine implements RemoteWorker.Engine {

    @Override
    public String run(String request, String device, List<String> pluginFolders, TrainingListener progress) {
        String placed = device == null ? request : TrialRequest.withDevice(request, device);
        return TrialWorker.run(placed, pluginFolders.stream().map(Path::of).toList(), progress);
    }
}
