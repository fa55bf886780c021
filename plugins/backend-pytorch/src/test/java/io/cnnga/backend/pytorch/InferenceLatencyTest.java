package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.InferenceLatency;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import org.junit.jupiter.api.Test;

/** PyTorch measures a network's inference latency at batch 1 on its device, and a larger network takes longer. */
class InferenceLatencyTest {

    @Test
    void aTrainedNetworkReportsItsLatencyOnTheCpu() {
        try (PyTorchBackend backend = new PyTorchBackend(new io.cnnga.api.support.BackendOptions("cpu", 0, 0.9,
                     io.cnnga.api.support.BatchNormStatistics.RECOMPUTED, null));
             TrainingSession small = backend.open(TrainingSessionTest.small(), new TrainingConfig(1, 16, 1e-3, 1L, null));
             TrainingSession large = backend.open(io.cnnga.api.support.ReferenceNetworks.refB(),
                     new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            small.trainEpoch(1, TestImages.stripes(8, 8, 1, 64, 3L), TestImages.stripes(8, 8, 1, 32, 4L), TrainingListener.NONE);
            InferenceLatency fast = small.inferenceLatency().orElseThrow();
            InferenceLatency slow = large.inferenceLatency().orElseThrow();
            System.out.println("pytorch latency: " + fast + " / ref-b " + slow);
            assertThat(fast.device()).isEqualTo("cpu");
            assertThat(fast.millis()).isPositive().isLessThan(1000);
            assertThat(slow.millis()).isGreaterThan(fast.millis());
        }
    }
}
