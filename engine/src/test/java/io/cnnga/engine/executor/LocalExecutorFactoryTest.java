package io.cnnga.engine.executor;

import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalExecutorFactoryTest {

    static LocalExecutor create(Map<String, Object> options) {
        return (LocalExecutor) new LocalExecutorFactory().create(Options.of("executor.options", options));
    }

    @Test
    void defaultsToOneThreadOnTheBackendsDevice() {
        LocalExecutor local = create(Map.of());
        assertThat(local.workers()).isEqualTo(1);
        assertThat(local.devices()).isEmpty();
        assertThat(local.isolation()).isEqualTo(Isolation.THREAD);
    }

    @Test
    void gpusDefaultToOneChildProcessPerDevice() {
        LocalExecutor local = create(Map.of("devices", List.of("gpu:0", "gpu:1")));
        assertThat(local.workers()).isEqualTo(2);
        assertThat(local.isolation()).isEqualTo(Isolation.PROCESS);
        assertThat(local.worker().command(EngineRemoteTrials.forThisProcess("{}"))).contains(WorkerProcess.MAIN_CLASS, WorkerProcess.COMMAND);
    }

    @Test
    void cpuDevicesDefaultToThreads() {
        assertThat(create(Map.of("devices", List.of("cpu", "cpu"))).isolation()).isEqualTo(Isolation.THREAD);
        assertThat(create(Map.of("devices", List.of("gpu:0"), "isolation", "thread")).isolation())
                .isEqualTo(Isolation.THREAD);
    }

    @Test
    void childJvmOptionsComeBeforeTheMainClass() {
        List<String> command = create(Map.of("isolation", "process", "javaOptions", List.of("-Xmx1g"))).worker().command(EngineRemoteTrials.forThisProcess("{}"));
        assertThat(command.indexOf("-Xmx1g")).isLessThan(command.indexOf(WorkerProcess.MAIN_CLASS));
        assertThat(command.get(0)).endsWith("/bin/java");
    }

    @Test
    void moreWorkersThanDevicesIsRefused() {
        assertThatThrownBy(() -> create(Map.of("devices", List.of("gpu:0"), "workers", 2)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("executor.options.workers: must be at most the number of devices (1), was 2");
    }

    @Test
    void badDeviceNamesItsPosition() {
        assertThatThrownBy(() -> create(Map.of("devices", List.of("gpu:0", "cuda1"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("executor.options.devices[1]: must be \"cpu\" or \"gpu:N\"");
    }

    @Test
    void timeoutNeedsAChildProcess() {
        assertThatThrownBy(() -> create(Map.of("trialTimeout", 60)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("executor.options.trialTimeout: needs \"isolation\": \"process\"");
    }

    @Test
    void unknownOptionListsTheAcceptedOnes() {
        assertThatThrownBy(() -> create(Map.of("isolaton", "process")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("executor.options.isolaton: unknown option; accepted: devices, workers, isolation");
    }
}
