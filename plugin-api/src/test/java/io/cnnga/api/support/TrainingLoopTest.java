package io.cnnga.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.Checkpoint;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What the one epoch loop does around a backend's steps, seen through {@link RecordingSteps}. */
class TrainingLoopTest {

    private static final ImageSet TRAIN = RecordingSteps.images(100, 0, 1L);          // 10 steps of 10
    private static final ImageSet VALIDATION = RecordingSteps.images(3_000, 100_000, 2L);

    private static TrainingLoop<RecordingSteps> loop(TrainingConfig config, BatchNormStatistics statistics,
                                                     RecordingSteps steps) {
        return new TrainingLoop<>(RecordingSteps.SPEC, config, config.seed(), statistics, steps);
    }

    private static TrainingConfig config(int epochs, int batch, Double... checkpoints) {
        return new TrainingConfig(epochs, batch, 1e-3, 7L, null).withCheckpoints(List.of(checkpoints));
    }

    @Test
    void checkpointsFollowTheStepCeilOfTheirFractionOfAllStepsOverEveryEpoch() {
        // 2 epochs of 10 steps: 20 steps; 0.1 → 2, 0.25 → 5, 0.3 → 6, 0.5 → 10 (epoch 1's last), 0.95 → 19
        TrainingConfig config = config(2, 10, 0.1, 0.25, 0.3, 0.5, 0.95);
        List<Checkpoint> heard = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint c) {
                heard.add(c);
            }
        };
        try (TrainingLoop<RecordingSteps> loop = loop(config, BatchNormStatistics.RECOMPUTED, new RecordingSteps())) {
            EpochMetrics first = loop.trainEpoch(1, TRAIN, VALIDATION, listener);
            EpochMetrics second = loop.trainEpoch(2, TRAIN, VALIDATION, listener);
            assertThat(first.checkpoints()).extracting(Checkpoint::step).containsExactly(2, 5, 6, 10);
            assertThat(first.checkpoints()).extracting(Checkpoint::epoch).containsOnly(1);
            assertThat(first.checkpoints()).extracting(Checkpoint::fraction).containsExactly(0.1, 0.25, 0.3, 0.5);
            assertThat(second.checkpoints()).extracting(Checkpoint::step).containsExactly(19);
            assertThat(second.checkpoints().get(0).epoch()).isEqualTo(2);
            assertThat(second.checkpoints().get(0).fraction()).isEqualTo(0.95);
            assertThat(heard).containsExactlyElementsOf(concat(first.checkpoints(), second.checkpoints()));
            assertThat(first.complete()).isTrue();
            assertThat(second.complete()).isTrue();
        }
    }

    @Test
    void aCheckpointStepIsTheCeilingOfTheFractionAsWrittenAndCoincidingFractionsGiveOneCheckpoint() {
        // 0.55 × 100 is 55.00000000000001 in doubles: Math.ceil would say 56
        assertThat(TrainingLoop.checkpointSteps(List.of(0.55), 100)).containsExactly(55L);
        assertThat(TrainingLoop.checkpointSteps(List.of(0.01, 0.3, 0.999), 10)).containsExactly(1L, 3L, 10L);
        assertThat(TrainingLoop.checkpointSteps(List.of(0.11, 0.12), 10)).containsExactly(2L);
        assertThat(TrainingLoop.checkpointSteps(List.of(), 10)).isEmpty();
    }

    @Test
    void aCheckpointMeasuresTheSameStratifiedValidationSampleForEverySeedAndEpoch() {
        int[] expected = RecordingSteps.ids(SplitPolicy.sample(VALIDATION, TrainingLoop.CHECKPOINT_VALIDATION_IMAGES,
                TrainingLoop.CHECKPOINT_SAMPLE_SEED));
        List<int[]> measured = new ArrayList<>();
        for (long seed : new long[] {1L, 2L}) {
            RecordingSteps steps = new RecordingSteps();
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onCheckpoint(Checkpoint c) {
                    measured.add(steps.takeEvaluated());
                    assertThat(c.images()).isEqualTo(TrainingLoop.CHECKPOINT_VALIDATION_IMAGES);
                }

                @Override
                public void onEpoch(EpochMetrics m) {
                    assertThat(steps.takeEvaluated()).hasSize(VALIDATION.size()); // the epoch's end: all of it
                }
            };
            try (TrainingLoop<RecordingSteps> loop = loop(config(2, 10, 0.25, 0.75).withSeed(seed),
                    BatchNormStatistics.RECOMPUTED, steps)) {
                loop.trainEpoch(1, TRAIN, VALIDATION, listener);
                loop.trainEpoch(2, TRAIN, VALIDATION, listener);
            }
        }
        assertThat(measured).hasSize(4).allSatisfy(ids -> assertThat(ids).containsExactly(expected));
        // stratified: each class keeps its share of the validation split, to within one image
        int[] all = VALIDATION.classCounts();
        int[] sampled = new int[all.length];
        for (int id : expected) {
            sampled[VALIDATION.label(id - 100_000)]++;
        }
        for (int c = 0; c < all.length; c++) {
            assertThat((double) sampled[c]).isCloseTo(1024.0 * all[c] / VALIDATION.size(), within(1.0));
        }
    }

    @Test
    void aValidationSplitOfAtMost1024ImagesIsMeasuredWholeAtACheckpoint() {
        ImageSet small = RecordingSteps.images(300, 100_000, 3L);
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10, 0.5), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps())) {
            Checkpoint c = loop.trainEpoch(1, TRAIN, small, TrainingListener.NONE).checkpoints().get(0);
            assertThat(c.images()).isEqualTo(300);
            long zeros = Arrays.stream(small.labels()).filter(l -> l == 0).count();
            assertThat(c.validationAccuracy()).isEqualTo(zeros / 300.0); // the recording network always says 0
            assertThat(c.validationLoss()).isEqualTo(0.5);
        }
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10, 0.5), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps())) {
            Checkpoint none = loop.trainEpoch(1, TRAIN, null, TrainingListener.NONE).checkpoints().get(0);
            assertThat(none.images()).isZero();
            assertThat(none.validationLoss()).isNaN();
            assertThat(none.validationAccuracy()).isZero();
        }
    }

    @Test
    void recomputedStatisticsUse512EvenlySpreadTrainingImagesAtACheckpointAnd2048AtTheEpochsEnd() {
        ImageSet train = RecordingSteps.images(3_000, 0, 4L);
        RecordingSteps steps = new RecordingSteps();
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 100, 0.5), BatchNormStatistics.RECOMPUTED, steps)) {
            loop.trainEpoch(1, train, VALIDATION, TrainingListener.NONE);
        }
        assertThat(steps.statisticsSamples()).hasSize(2);
        assertThat(steps.statisticsSamples().get(0)).hasSize(512)
                .containsExactly(RecordingSteps.ids(BatchNormStatistics.sample(train, 512)));
        assertThat(steps.statisticsSamples().get(0)[1]).isEqualTo(5); // image 1 × 3000 / 512
        assertThat(steps.statisticsSamples().get(1)).hasSize(BatchNormStatistics.SAMPLE_IMAGES)
                .containsExactly(RecordingSteps.ids(BatchNormStatistics.sample(train)));

        RecordingSteps moving = new RecordingSteps();
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 100, 0.5), BatchNormStatistics.MOVING, moving)) {
            EpochMetrics m = loop.trainEpoch(1, train, VALIDATION, TrainingListener.NONE);
            assertThat(m.checkpoints()).hasSize(1);
        }
        assertThat(moving.statisticsSamples()).isEmpty();
    }

    @Test
    void theListenerHearsStepsThenTheCheckpointThenIsAskedToStopThenHearsTheEpoch() {
        List<String> log = new ArrayList<>();
        ImageSet train = RecordingSteps.images(30, 0, 5L);                  // 3 steps of 10
        ImageSet validation = RecordingSteps.images(300, 100_000, 6L);     // evaluated in batches of 256 and 44
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
                log.add("onStep " + epoch + "/" + step + " of " + steps);
            }

            @Override
            public void onCheckpoint(Checkpoint c) {
                log.add("onCheckpoint " + c.step());
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                log.add("onEpoch " + m.epoch());
            }

            @Override
            public boolean stopRequested() {
                log.add("stop?");
                return false;
            }
        };
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10, 0.5), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps(log))) {
            loop.trainEpoch(1, train, validation, listener);
        }
        assertThat(log).containsExactly(
                "start 1",
                "stop?", "train 1/1", "onStep 1/1 of 3",
                "stop?", "train 1/2", "onStep 1/2 of 3",
                "statistics 30", "evaluate 256", "evaluate 44", "onCheckpoint 2", "stop?",
                "stop?", "train 1/3", "onStep 1/3 of 3",
                "statistics 30", "evaluate 256", "evaluate 44", "onEpoch 1",
                "close");
    }

    @Test
    void aStopRightAfterACheckpointEndsTheEpochThereWithTheCheckpointsMeasurement() {
        List<String> log = new ArrayList<>();
        List<EpochMetrics> heard = new ArrayList<>();
        boolean[] stop = {false};
        TrainingListener pruner = new TrainingListener() {
            @Override
            public void onCheckpoint(Checkpoint c) {
                log.add("onCheckpoint " + c.step());
                stop[0] = true;
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                heard.add(m);
            }

            @Override
            public boolean stopRequested() {
                return stop[0];
            }
        };
        EpochMetrics m;
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10, 0.4), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps(log))) {
            m = loop.trainEpoch(1, TRAIN, VALIDATION, pruner);
        }
        Checkpoint c = m.checkpoints().get(0);
        assertThat(c.step()).isEqualTo(4);
        assertThat(m.complete()).isFalse();
        assertThat(m.validationLoss()).isEqualTo(c.validationLoss());
        assertThat(m.validationAccuracy()).isEqualTo(c.validationAccuracy());
        assertThat(m.loss()).isCloseTo((1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0) / 4, within(1e-6)); // the 4 steps trained
        assertThat(heard).containsExactly(m);
        // after the checkpoint's statistics pass (100 images) and its 1,024 validation images: nothing more
        List<String> afterTraining = log.subList(log.indexOf("train 1/4") + 1, log.size());
        assertThat(afterTraining).containsExactly("statistics 100", "evaluate 256", "evaluate 256", "evaluate 256",
                "evaluate 256", "onCheckpoint 4", "close");
    }

    @Test
    void aStopAtAnyOtherMomentStillRecomputesTheStatisticsAndValidatesTheWholeSplit() {
        List<String> log = new ArrayList<>();
        int[] steps = {0};
        TrainingListener afterThree = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int total, double loss, double accuracy) {
                steps[0] = step;
            }

            @Override
            public boolean stopRequested() {
                return steps[0] >= 3;
            }
        };
        EpochMetrics m;
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10, 0.5), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps(log))) {
            m = loop.trainEpoch(1, TRAIN, VALIDATION, afterThree);
        }
        assertThat(m.complete()).isFalse();
        assertThat(m.checkpoints()).isEmpty(); // stopped before step 5
        assertThat(log).containsSubsequence("train 1/3", "statistics 100").doesNotContain("train 1/4");
        assertThat(log.stream().filter(Predicate.isEqual("evaluate 256")).count()).isEqualTo(11); // 3,000 = 11 × 256 + 184
        assertThat(log).contains("evaluate 184");
        long zeros = Arrays.stream(VALIDATION.labels()).filter(l -> l == 0).count();
        assertThat(m.validationAccuracy()).isEqualTo((double) zeros / VALIDATION.size());
    }

    @Test
    void aCheckpointKnowsItsEpochFractionSampleAndTheTimeSinceTheFirstStep() {
        List<Checkpoint> all = new ArrayList<>();
        try (TrainingLoop<RecordingSteps> loop = loop(config(2, 10, 0.25, 0.5, 0.75), BatchNormStatistics.MOVING,
                new RecordingSteps())) {
            all.addAll(loop.trainEpoch(1, TRAIN, VALIDATION, TrainingListener.NONE).checkpoints());
            all.addAll(loop.trainEpoch(2, TRAIN, VALIDATION, TrainingListener.NONE).checkpoints());
        }
        assertThat(all).extracting(Checkpoint::epoch).containsExactly(1, 1, 2);
        assertThat(all).extracting(Checkpoint::step).containsExactly(5, 10, 15);
        assertThat(all).extracting(Checkpoint::images).containsOnly(1_024);
        assertThat(all.get(0).seconds()).isPositive();
        assertThat(all.get(1).seconds()).isGreaterThan(all.get(0).seconds());
        assertThat(all.get(2).seconds()).isGreaterThan(all.get(1).seconds());
    }

    @Test
    void withoutCheckpointsAnEpochTrainsEveryBatchOnceAndMeasuresValidation() {
        RecordingSteps steps = new RecordingSteps();
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 32), BatchNormStatistics.RECOMPUTED, steps)) {
            EpochMetrics m = loop.trainEpoch(1, TRAIN, VALIDATION, null);
            assertThat(m.checkpoints()).isEmpty();
            assertThat(m.complete()).isTrue();
            assertThat(m.imagesPerSecond()).isPositive();
        }
        assertThat(steps.log()).containsSubsequence("start 1", "train 1/1", "train 1/4", "statistics 100", "close")
                .doesNotContain("train 1/5");
    }

    @Test
    void aFailingStepFailsTheTrainingNamingEpochAndStep() {
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps().failingAt(3))) {
            assertThatThrownBy(() -> loop.trainEpoch(1, TRAIN, VALIDATION, TrainingListener.NONE))
                    .isInstanceOf(TrainingFailedException.class)
                    .hasMessage("training failed at epoch 1, step 3: the framework broke");
        }
    }

    @Test
    void evaluationGivesOnePredictionPerImageInOrderOverSeveralBatches() {
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps())) {
            Evaluation e = loop.evaluate(VALIDATION);
            assertThat(e.predictions()).hasSize(VALIDATION.size()).containsOnly(0);
            assertThat(e.loss()).isEqualTo(0.5);
            assertThat(loop.steps().takeEvaluated()).containsExactly(RecordingSteps.ids(VALIDATION));
        }
    }

    @Test
    void aClosedSessionRefusesWorkAndClosesItsStepsOnce() {
        RecordingSteps steps = new RecordingSteps();
        TrainingLoop<RecordingSteps> loop = loop(config(1, 10), BatchNormStatistics.RECOMPUTED, steps);
        loop.export(Path.of("model"));
        assertThat(loop.parameters()).hasSize(1);
        assertThat(loop.precision()).isEqualTo(io.cnnga.api.Precision.FP32); // the steps' own, float32 by default
        loop.close();
        loop.close();
        assertThat(steps.closed()).isTrue();
        assertThat(steps.log()).containsExactly("export model", "close");
        assertThatThrownBy(() -> loop.evaluate(VALIDATION)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> loop.trainEpoch(1, TRAIN, null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void imagesOfAnotherShapeAreRefused() {
        ImageSet wrong = new ImageSet(io.cnnga.api.DataInfo.of("wrong", 3, 3, 1, 4), new byte[9], new int[1]);
        try (TrainingLoop<RecordingSteps> loop = loop(config(1, 10), BatchNormStatistics.RECOMPUTED,
                new RecordingSteps())) {
            assertThatThrownBy(() -> loop.trainEpoch(1, wrong, null, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> loop.trainEpoch(1, TRAIN, wrong, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
