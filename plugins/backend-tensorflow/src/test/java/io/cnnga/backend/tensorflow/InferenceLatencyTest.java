package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.InferenceLatency;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import org.junit.jupiter.api.Test;

/** TensorFlow measures a network's inference latency at batch 1 on its device, and a larger network takes longer. */
class InferenceLatencyTest {

    @Test
    void aTrainedNetworkReportsItsLatencyOnTheCpu() {
        try (TensorFlowBackend backend = Shapes.cpuBackend();
             TrainingSession small = backend.open(TrainingSessionTest.network(), new TrainingConfig(1, 16, 1e-3, 1L, null));
             TrainingSession large = backend.open(io.cnnga.api.support.ReferenceNetworks.refB(),
                     new TrainingConfig(1, 16, 1e-3, 1L, null))) {
            small.trainEpoch(1, TestImages.quadrants(64, 12, 1, 3), TestImages.quadrants(32, 12, 1, 4), TrainingListener.NONE);
            InferenceLatency fast = small.inferenceLatency().orElseThrow();
            InferenceLatency slow = large.inferenceLatency().orElseThrow();
            System.out.println("tensorflow latency: " + fast + " / ref-b " + slow);
            assertThat(fast.device()).isEqualTo("cpu");
            assertThat(fast.millis()).isPositive().isLessThan(1000);
            assertThat(slow.millis()).isGreaterThan(fast.millis());
        }
    }
}
