package io.cnnga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void growthIsTheLeastOfTheLastThreeLessTheMostOfTheWarmedUpThree() {
        // start-up (0, 1), warmed up (2-4, one high reading), steady, the last three with one low reading
        List<Long> readings = List.of(10L, 50L, 100L, 130L, 110L, 120L, 125L, 140L, 200L, 150L, 160L);
        assertThat(ResidentMemory.growth(readings, 2)).isEqualTo(150 - 130);
    }

    @Test
    void memoryThatShrankGivesANegativeGrowth() {
        assertThat(ResidentMemory.growth(List.of(300L, 300L, 300L, 200L, 210L, 220L), 0)).isEqualTo(-100);
    }

    @Test
    void tooFewReadingsAreRefused() {
        assertThatThrownBy(() -> ResidentMemory.growth(List.of(1L, 2L, 3L, 4L, 5L), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 readings");
    }
}
