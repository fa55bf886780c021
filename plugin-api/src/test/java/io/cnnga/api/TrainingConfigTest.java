package io.cnnga.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void checkpointsAreStrictlyAscendingFractionsStrictlyBetweenZeroAndOne() {
        TrainingConfig c = new TrainingConfig(2, 32, 1e-3, 42L, null);
        assertThat(c.checkpoints()).isEmpty();
        assertThat(c.withCheckpoints(List.of(0.25, 0.5)).checkpoints()).containsExactly(0.25, 0.5);
        assertThat(c.withCheckpoints(null).checkpoints()).isEmpty();
        for (List<Double> bad : List.of(List.of(0.0), List.of(1.0), List.of(0.5, 0.5), List.of(0.5, 0.25),
                List.of(Double.NaN), List.of(-0.1))) {
            assertThatThrownBy(() -> c.withCheckpoints(bad)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoints must be");
        }
        assertThatThrownBy(() -> c.withCheckpoints(Arrays.asList(0.5, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was null");
    }

    @Test
    void everyWitherKeepsTheCheckpoints() {
        TrainingConfig c = new TrainingConfig(2, 32, 1e-3, 42L, null).withCheckpoints(List.of(0.5));
        assertThat(c.withDevice("gpu:1").checkpoints()).containsExactly(0.5);
        assertThat(c.withEpochs(3).checkpoints()).containsExactly(0.5);
        assertThat(c.withSeed(1).checkpoints()).containsExactly(0.5);
        assertThat(c.withSeed(1).withEpochs(3).withDevice("cpu"))
                .isEqualTo(new TrainingConfig(3, 32, 1e-3, 1L, "cpu", List.of(0.5)));
    }

    @Test
    void epochMetricsWithoutCheckpointsHaveAnEmptyList() {
        EpochMetrics old = new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7, 3.0, 100.0, true);
        assertThat(old.checkpoints()).isEmpty();
        assertThat(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7, 3.0, 100.0, true, null)).isEqualTo(old);
        Checkpoint c = new Checkpoint(1, 5, 0.25, 0.6, 0.7, 1024, 2.0);
        assertThat(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7, 3.0, 100.0, false, List.of(c)).checkpoints())
                .containsExactly(c);
    }
}
