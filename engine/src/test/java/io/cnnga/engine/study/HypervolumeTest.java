package io.cnnga.engine.study;

import io.cnnga.engine.pareto.Hypervolume;
import io.cnnga.engine.pareto.ObjectiveValues;
import io.cnnga.engine.plan.Objective;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hypervolumes checked against areas and volumes worked out by hand. */
class HypervolumeTest {

    static ObjectiveValues v(List<Objective> o, double... values) {
        return new ObjectiveValues(o, values);
    }

    @Test
    void twoObjectivesAreTheAreaUnderTheStaircase() {
        List<Objective> o = List.of(Objective.ACCURACY, Objective.FLOPS);
        Hypervolume hv = new Hypervolume(o, new double[] {1, 100});
        // scaled: (0.9, 0.2), (0.6, 0.7), (0.3, 0.9): 0.9*0.2 + 0.6*0.5 + 0.3*0.2 = 0.54
        assertThat(hv.of(List.of(v(o, 0.9, 80), v(o, 0.6, 30), v(o, 0.3, 10)))).isCloseTo(0.54, within(1e-12));
        // a dominated point adds nothing; a point at the reference cost, or infinite, neither
        assertThat(hv.of(List.of(v(o, 0.9, 80), v(o, 0.6, 30), v(o, 0.3, 10), v(o, 0.5, 40), v(o, 0.99, 100),
                v(o, 0.99, Double.POSITIVE_INFINITY)))).isCloseTo(0.54, within(1e-12));
        assertThat(hv.of(List.of())).isZero();
    }

    @Test
    void threeObjectivesAreTheUnionOfBoxes() {
        List<Objective> o = List.of(Objective.ACCURACY, Objective.FLOPS, Objective.PARAMS);
        Hypervolume hv = new Hypervolume(o, new double[] {1, 10, 10});
        // scaled boxes (0.5, 0.5, 0.5) and (1.0, 0.2, 0.2): 0.125 + 0.04 - overlap 0.5*0.2*0.2 = 0.145
        assertThat(hv.of(List.of(v(o, 0.5, 5, 5), v(o, 1.0, 8, 8)))).isCloseTo(0.145, within(1e-12));
    }
}
