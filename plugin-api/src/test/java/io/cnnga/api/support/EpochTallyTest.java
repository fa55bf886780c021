package io.cnnga.api.support;

import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.EpochMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EpochTallyTest {

    @Test
    void averagesAreOverImagesSoAShortLastBatchWeighsLess() {
        EpochTally tally = new EpochTally(3);
        assertThat(tally.step(4, 1.0f, 2)).isEqualTo(1);
        assertThat(tally.step(2, 4.0f, 2)).isEqualTo(2);
        tally.trainingDone();
        EpochMetrics m = tally.metrics(0.5, 0.75, true);
        assertThat(m.epoch()).isEqualTo(3);
        assertThat(m.loss()).isCloseTo((4 * 1.0 + 2 * 4.0) / 6, within(1e-12));
        assertThat(m.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(m.validationLoss()).isEqualTo(0.5);
        assertThat(m.validationAccuracy()).isEqualTo(0.75);
        assertThat(m.imagesPerSecond()).isPositive();
        assertThat(m.seconds()).isPositive();
        assertThat(m.complete()).isTrue();
        assertThat(tally.images()).isEqualTo(6);
        assertThat(tally.steps()).isEqualTo(2);
    }

    @Test
    void anEpochWithoutStepsHasNoLossAndNoSpeed() {
        EpochMetrics m = new EpochTally(1).metrics(Double.NaN, 0, false);
        assertThat(m.loss()).isNaN();
        assertThat(m.accuracy()).isZero();
        assertThat(m.imagesPerSecond()).isZero();
        assertThat(m.complete()).isFalse();
    }

    @Test
    void aNonFiniteLossFailsNamingEpochAndStep() {
        EpochTally tally = new EpochTally(2);
        tally.step(8, 0.7f, 3);
        assertThatThrownBy(() -> tally.step(8, Float.NaN, 0))
                .isInstanceOf(TrainingFailedException.class).hasMessage("loss became NaN at epoch 2, step 2");
        assertThatThrownBy(() -> new EpochTally(1).step(8, Float.POSITIVE_INFINITY, 0))
                .hasMessage("loss became infinite at epoch 1, step 1");
    }
}
