package io.cnnga.engine.executor;

import io.cnnga.api.DataInfo;
import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The local executor in threads, with a runner that only sleeps: devices, order, listener. */
class LocalExecutorTest {

    static Trial trial(int index, String bits) {
        DataInfo info = DataInfo.of("tiny", 4, 4, 1, 2);
        ModelSpec spec = new ModelSpec(ModelSpec.inputOf(info), 2, List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(2)));
        return new Trial(0, index, Genome.of(bits), spec, new TrainingConfig(1, 8, 1e-3, 1, null));
    }

    @Test
    void eachTrialGetsAFreeDeviceAndResultsKeepTheTrialsOrder() {
        List<Trial> trials = List.of(trial(0, "0001"), trial(1, "0010"), trial(2, "0100"), trial(3, "1000"), trial(4, "1100"));
        Set<String> busy = Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean sharedDevice = new AtomicBoolean();
        List<String> devicesUsed = Collections.synchronizedList(new ArrayList<>());
        TrialRunner runner = (trial, progress) -> {
            String device = trial.config().device();
            devicesUsed.add(device);
            if (!busy.add(device)) {
                sharedDevice.set(true);
            }
            sleep(40L * (5 - trial.index()));   // later trials finish first
            busy.remove(device);
            return TrialResult.complete(trial, List.of(), 0.1);
        };
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlappingCalls = new AtomicBoolean();
        TrialListener listener = new TrialListener() {
            @Override
            public void started(Trial trial) {
                enter();
                events.add("started " + trial.index() + " on " + trial.config().device());
                inside.decrementAndGet();
            }

            @Override
            public void finished(TrialResult result) {
                enter();
                events.add("finished " + result.index());
                inside.decrementAndGet();
            }

            private void enter() {
                if (inside.incrementAndGet() > 1) {
                    overlappingCalls.set(true);
                }
                sleep(2);
            }
        };

        LocalExecutor local = new LocalExecutor(2, List.of("gpu:0", "gpu:1"), Isolation.THREAD, null);
        List<TrialResult> results = local.evaluate(trials, new ExecutionContext(runner, listener, EngineRemoteTrials.forThisProcess("{}")));

        assertThat(results).extracting(TrialResult::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(sharedDevice).isFalse();
        assertThat(devicesUsed).hasSize(5).containsOnly("gpu:0", "gpu:1");
        assertThat(overlappingCalls).isFalse();
        assertThat(events).hasSize(10);
        for (int i = 0; i < trials.size(); i++) {
            int started = indexOfPrefix(events, "started " + i + " ");
            assertThat(started).isNotNegative().isLessThan(events.indexOf("finished " + i));
        }
        // two at once: trial 1 starts before trial 0 (the slowest) finishes
        assertThat(indexOfPrefix(events, "started 1 ")).isLessThan(events.indexOf("finished 0"));
    }

    @Test
    void withoutDevicesTheBackendKeepsItsOwn() {
        List<String> devices = Collections.synchronizedList(new ArrayList<>());
        TrialRunner runner = (trial, progress) -> {
            devices.add(String.valueOf(trial.config().device()));
            return TrialResult.complete(trial, List.of(), 0);
        };
        new LocalExecutor(3, List.of(), Isolation.THREAD, null)
                .evaluate(List.of(trial(0, "01"), trial(1, "10")), new ExecutionContext(runner, null, EngineRemoteTrials.forThisProcess("{}")));
        assertThat(devices).containsOnly("null");
    }

    private static int indexOfPrefix(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
