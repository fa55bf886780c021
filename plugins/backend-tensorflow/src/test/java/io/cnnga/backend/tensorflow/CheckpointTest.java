package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.Checkpoint;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real TensorFlow training reports checkpoints with sensible values, and they leave the training as it was. */
class CheckpointTest {

    private static final ImageSet TRAIN = TestImages.quadrants(320, 12, 1, 11);      // 20 steps of 16
    private static final ImageSet VALIDATION = TestImages.quadrants(200, 12, 1, 12);
    private static final TrainingConfig CONFIG = new TrainingConfig(2, 16, 3e-3, 7L, null);
    private static TensorFlowBackend backend;

    @BeforeAll
    static void open() {
        backend = Shapes.cpuBackend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static List<EpochMetrics> train(TrainingConfig config, TrainingListener listener) {
        List<EpochMetrics> epochs = new ArrayList<>();
        try (TrainingSession s = backend.open(TrainingSessionTest.network(), config)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                EpochMetrics m = s.trainEpoch(epoch, TRAIN, VALIDATION, listener);
                epochs.add(m);
                if (!m.complete()) {
                    break;
                }
            }
        }
        return epochs;
    }

    @Test
    void aTinyNetworkReportsCheckpointsThatLearnAndLeaveTheTrainingAsItWas() {
        List<Checkpoint> heard = new ArrayList<>();
        List<EpochMetrics> with = train(CONFIG.withCheckpoints(List.of(0.125, 0.5, 0.75)), new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint c) {
                heard.add(c);
            }
        });
        System.out.println("tensorflow checkpoints: " + heard);
        assertThat(with.get(0).checkpoints()).extracting(Checkpoint::step).containsExactly(5, 20);
        assertThat(with.get(1).checkpoints()).extracting(Checkpoint::step).containsExactly(30);
        assertThat(heard).hasSize(3).allSatisfy(c -> {
            assertThat(c.validationLoss()).isFinite().isPositive();
            assertThat(c.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(c.images()).isEqualTo(VALIDATION.size());
            assertThat(c.seconds()).isPositive();
        });
        assertThat(heard).extracting(Checkpoint::fraction).containsExactly(0.125, 0.5, 0.75);
        assertThat(heard.get(1).seconds()).isGreaterThan(heard.get(0).seconds());
        assertThat(heard.get(2).validationAccuracy()).as("four quadrants are easy").isGreaterThan(0.6);
        // step 20 ends epoch 1, and both measure batch norm on all 320 training images and validate all 200
        assertThat(heard.get(1).validationAccuracy()).isEqualTo(with.get(0).validationAccuracy());
        assertThat(heard.get(1).validationLoss()).isCloseTo(with.get(0).validationLoss(), within(1e-5));

        List<EpochMetrics> without = train(CONFIG, TrainingListener.NONE);
        for (int e = 0; e < 2; e++) {
            assertThat(with.get(e).loss()).isCloseTo(without.get(e).loss(), within(1e-4));
            assertThat(with.get(e).validationAccuracy()).isCloseTo(without.get(e).validationAccuracy(), within(0.011));
        }
    }

    @Test
    void aStopRightAfterACheckpointEndsTheEpochWithItsMeasurement() {
        List<Checkpoint> heard = new ArrayList<>();
        List<EpochMetrics> epochs = train(CONFIG.withCheckpoints(List.of(0.25)), new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint c) {
                heard.add(c);
            }

            @Override
            public boolean stopRequested() {
                return !heard.isEmpty();
            }
        });
        assertThat(epochs).hasSize(1);
        EpochMetrics m = epochs.get(0);
        assertThat(m.complete()).isFalse();
        assertThat(m.checkpoints()).containsExactlyElementsOf(heard);
        assertThat(heard.get(0).step()).isEqualTo(10);
        assertThat(m.validationAccuracy()).isEqualTo(heard.get(0).validationAccuracy());
        assertThat(m.validationLoss()).isEqualTo(heard.get(0).validationLoss());
    }
}
