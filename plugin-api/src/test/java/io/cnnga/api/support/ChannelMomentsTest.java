package io.cnnga.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChannelMomentsTest {

    @Test
    void pooledBatchesGiveTheMeanAndUnbiasedVarianceOfAllValues() {
        SplittableRandom random = new SplittableRandom(3);
        int channels = 3;
        int[] batchSizes = {7, 1, 20, 13};
        ChannelMoments moments = new ChannelMoments(channels);
        double[] sum = new double[channels];
        double[][] all = new double[channels][41];
        int n = 0;
        for (int size : batchSizes) {
            float[] mean = new float[channels];
            float[] variance = new float[channels];
            for (int c = 0; c < channels; c++) {
                // batches with different means, so the pooled variance must include their spread
                double[] values = new double[size];
                for (int i = 0; i < size; i++) {
                    values[i] = random.nextGaussian() * (c + 1) + n * 0.1 + c;
                    all[c][n + i] = values[i];
                    sum[c] += values[i];
                }
                double m = 0;
                for (double v : values) {
                    m += v / size;
                }
                double ss = 0;
                for (double v : values) {
                    ss += (v - m) * (v - m);
                }
                mean[c] = (float) m;
                variance[c] = (float) (ss / size);
            }
            moments.add(mean, variance, size);
            n += size;
        }
        assertThat(moments.count()).isEqualTo(41);
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (all[c][i] - m) * (all[c][i] - m);
            }
            assertThat((double) moments.mean()[c]).isCloseTo(m, within(1e-5));
            assertThat((double) moments.variance()[c]).isCloseTo(ss / (n - 1), within(1e-4));
        }
    }

    @Test
    void aSingleValueHasZeroVariance() {
        ChannelMoments moments = new ChannelMoments(1);
        moments.add(new float[] {2.5f}, new float[] {0f}, 1);
        assertThat(moments.mean()).containsExactly(2.5f);
        assertThat(moments.variance()).containsExactly(0f);
    }

    @Test
    void rejectsMismatchedChannelsAndReadingBeforeAnyBatch() {
        ChannelMoments moments = new ChannelMoments(2);
        assertThatThrownBy(moments::mean).isInstanceOf(IllegalStateException.class).hasMessage("no batch was added");
        assertThatThrownBy(() -> moments.add(new float[3], new float[2], 4))
                .hasMessage("expected 2 channels, got a mean of 3 and a variance of 2");
        assertThatThrownBy(() -> moments.add(new float[2], new float[2], 0)).hasMessage("values must be >= 1, was 0");
    }
}
