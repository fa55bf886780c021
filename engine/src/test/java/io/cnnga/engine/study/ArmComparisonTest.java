package io.cnnga.engine.study;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Two arms compared seed by seed, and the sign test of the split. */
class ArmComparisonTest {

    @Test
    void theSignTestIsTheExactBinomialTailDoubled() {
        assertThat(ArmComparison.signTest(6, 0)).isEqualTo(2 / 64.0);
        assertThat(ArmComparison.signTest(0, 6)).isEqualTo(2 / 64.0);
        assertThat(ArmComparison.signTest(5, 0)).isEqualTo(2 / 32.0);
        // 5 : 1 of 6: 2 (C(6,0) + C(6,1)) / 64 = 14 / 64
        assertThat(ArmComparison.signTest(5, 1)).isEqualTo(14 / 64.0);
        // 9 : 1 of 10: 2 (1 + 10) / 1024
        assertThat(ArmComparison.signTest(9, 1)).isCloseTo(22 / 1024.0, within(1e-15));
        assertThat(ArmComparison.signTest(3, 3)).isEqualTo(1.0);
        assertThat(ArmComparison.signTest(0, 0)).isEqualTo(1.0);
        // large counts stay exact: 60 : 40 of 100 is p = 0.05689...
        assertThat(ArmComparison.signTest(60, 40)).isCloseTo(0.056887, within(1e-6));
    }

    @Test
    void seedsArePairedTiesLeftOutAndSeedsOnlyOneArmRanIgnored() {
        ArmComparison c = ArmComparison.of("ga", "random", ArmComparison.Basis.NETWORKS,
                Map.of(1L, 0.82, 2L, 0.84, 3L, 0.80, 4L, 0.81, 9L, 0.99),
                Map.of(1L, 0.80, 2L, 0.84, 3L, 0.81, 4L, 0.79, 5L, 0.50));
        assertThat(c).isEqualTo(new ArmComparison("ga", "random", ArmComparison.Basis.NETWORKS, 2, 1, 1, 1.0));
        assertThat(c.split()).isEqualTo("2 wins, 1 loss, 1 tie (p = 1.00)");
    }

    @Test
    void countsAndPValuesAreValidated() {
        assertThatThrownBy(() -> new ArmComparison("a", "b", ArmComparison.Basis.NETWORKS, -1, 0, 0, 1))
                .hasMessageContaining("seed counts are >= 0");
        assertThatThrownBy(() -> new ArmComparison("a", "b", ArmComparison.Basis.NETWORKS, 1, 0, 0, 0))
                .hasMessageContaining("a p-value lies in (0, 1]");
    }
}
