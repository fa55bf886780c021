package io.cnnga.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written initializer has Keras' fans and range, both signs, and follows its seed. */
class GlorotUniformTest {

    @Test
    void fansOfConvolutionAndDenseKernels() {
        assertThat(GlorotUniform.fans(new long[] {3, 3, 16, 32})).containsExactly(144, 288);
        assertThat(GlorotUniform.fans(new long[] {784, 10})).containsExactly(784, 10);
        assertThat(GlorotUniform.limit(new long[] {784, 10})).isCloseTo(Math.sqrt(6.0 / 794), within(1e-12));
    }

    @Test
    void uniformInTheLimitWithBothSigns() {
        long[] shape = {5, 5, 8, 16};
        double limit = GlorotUniform.limit(shape);
        float[] w = GlorotUniform.sample(shape, new SplittableRandom(1));
        assertThat(w).hasSize(5 * 5 * 8 * 16);
        double sum = 0;
        double sumSq = 0;
        int negative = 0;
        for (float v : w) {
            assertThat((double) Math.abs(v)).isLessThanOrEqualTo(limit);
            sum += v;
            sumSq += v * v;
            negative += v < 0 ? 1 : 0;
        }
        assertThat(sum / w.length).isCloseTo(0, within(limit * 0.05));
        // variance of U(-l, l) is l²/3
        assertThat(sumSq / w.length).isCloseTo(limit * limit / 3, within(limit * limit * 0.03));
        assertThat(negative).isBetween(w.length * 45 / 100, w.length * 55 / 100);
    }

    @Test
    void sameSeedSameWeights() {
        long[] shape = {3, 3, 1, 4};
        assertThat(GlorotUniform.sample(shape, new SplittableRandom(9)))
                .containsExactly(GlorotUniform.sample(shape, new SplittableRandom(9)));
        assertThat(GlorotUniform.sample(shape, new SplittableRandom(9)))
                .isNotEqualTo(GlorotUniform.sample(shape, new SplittableRandom(10)));
    }
}
